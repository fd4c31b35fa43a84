// Joining or creating a party needs the actor's local user row; it is created from the token when accounts'
// first event has not arrived yet. A deleted account may not join anything.
import { AppError } from '@partyline/contracts';

import type { Actor } from '../shared/actor.js';
import type { UsersRepository } from './users.repository.js';

export async function ensureActorUser(users: Pick<UsersRepository, 'ensure'>, actor: Actor): Promise<void> {
  const { deleted } = await users.ensure({ id: actor.id, username: actor.username ?? actor.id });
  if (deleted) throw new AppError('USER.DELETED', 'This account has been deleted');
}
