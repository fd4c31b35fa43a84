// The events describing a change to a user, built from the state after the change.
import { makeEvent } from '@partyline/contracts';

import type { User } from './users.repository.js';

const PRODUCER = 'accounts-service';

export interface RequestContext {
  correlationId: string;
}

const state = (user: User) => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  avatarUrl: user.avatarUrl,
  createdAt: user.createdAt.toISOString(),
});

const meta = (user: User, version: number, ctx: RequestContext) => ({
  aggregateId: user.id,
  aggregateVersion: version,
  producer: PRODUCER,
  correlationId: ctx.correlationId,
});

export const userRegistered = (ctx: RequestContext) => (user: User) =>
  makeEvent('UserRegistered', state(user), meta(user, user.version, ctx));

export const userUpdated = (ctx: RequestContext) => (user: User) =>
  makeEvent('UserUpdated', state(user), meta(user, user.version, ctx));

export const userDeleted = (ctx: RequestContext, user: User) =>
  makeEvent('UserDeleted', { userId: user.id }, meta(user, user.version + 1, ctx));
