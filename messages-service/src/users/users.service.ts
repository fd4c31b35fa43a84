// The users copy: applies accounts' user events. Full states are version-guarded upserts; a deletion is
// applied once, its processed-check, effect and mark in one transaction.
import type { UserEvent } from '@partyline/contracts';

import type { MembersRepository } from '../members/members.repository.js';
import { memberUpdatedPushes } from '../members/member-pushes.js';
import type { MessagesRepository } from '../messages/messages.repository.js';
import type { PartiesRepository } from '../parties/parties.repository.js';
import type { PartyEventsRepository } from '../parties/party-events.repository.js';
import type { Notify, Push } from '../shared/notifier.js';
import type { Transaction } from '../shared/transaction.js';
import type { ProcessedEventsRepository } from './processed-events.repository.js';
import type { UsersRepository } from './users.repository.js';

/** The consumer name under which processed event ids are recorded. */
const USERS_CONSUMER = 'messages-service.users';

type UserStateEvent = Extract<UserEvent, { type: 'UserRegistered' | 'UserUpdated' }>;
type UserDeletedEvent = Extract<UserEvent, { type: 'UserDeleted' }>;

interface DeletionTxRepos {
  users: Pick<UsersRepository, 'markDeleted'>;
  parties: Pick<PartiesRepository, 'lock' | 'remove'>;
  members: Pick<
    MembersRepository,
    'listPartyIdsOfUser' | 'lockRole' | 'findSuccessor' | 'remove' | 'setRole'
  >;
  messages: Pick<MessagesRepository, 'detachAuthor'>;
  partyEvents: PartyEventsRepository;
  processedEvents: ProcessedEventsRepository;
}

/** What leaving one party did, for the pushes after commit. */
type Departure = { partyId: string; partyDeleted: boolean; successor: string | null };

interface UsersServiceDeps {
  users: Pick<UsersRepository, 'upsertState'>;
  members: Pick<MembersRepository, 'find' | 'listPartyIdsOfUser'>;
  parties: Pick<PartiesRepository, 'find'>;
  tx: Transaction<DeletionTxRepos>;
  notify: Notify;
}

/**
 * Takes one party away from a deleted user: ownership passes to the longest-standing admin, else the
 * longest-standing member; a party left empty is deleted.
 */
async function leaveParty(
  repos: DeletionTxRepos,
  partyId: string,
  userId: string,
  correlationId: string,
): Promise<Departure | null> {
  if (!(await repos.parties.lock(partyId))) return null;
  const role = await repos.members.lockRole(partyId, userId);
  if (role === null) return null;
  const successor = role === 'owner' ? await repos.members.findSuccessor(partyId, userId) : null;
  if (role === 'owner' && successor === null) {
    await repos.partyEvents.record(partyId, correlationId, [
      { type: 'MemberLeft', data: { partyId, userId, reason: 'user-deleted' } },
      { type: 'PartyDeleted', data: { partyId } },
    ]);
    await repos.parties.remove(partyId);
    return { partyId, partyDeleted: true, successor: null };
  }
  await repos.members.remove(partyId, userId);
  if (successor !== null) await repos.members.setRole(partyId, successor, 'owner');
  await repos.partyEvents.record(partyId, correlationId, [
    { type: 'MemberLeft', data: { partyId, userId, reason: 'user-deleted' } },
    ...(successor === null
      ? []
      : [
          {
            type: 'MemberRoleChanged' as const,
            data: { partyId, userId: successor, role: 'owner' as const },
          },
        ]),
  ]);
  return { partyId, partyDeleted: false, successor };
}

export function createUsersService(deps: UsersServiceDeps) {
  const { members, parties, tx, notify } = deps;

  async function departurePushes(userId: string, departure: Departure): Promise<Push[]> {
    const { partyId } = departure;
    const left: Push = (n) => n.memberLeft({ partyId, userId });
    if (departure.partyDeleted) return [left, (n) => n.partyDeleted({ id: partyId })];
    const heirs = departure.successor === null ? [] : [departure.successor];
    return [left, ...(await memberUpdatedPushes({ members, parties }, partyId, heirs))];
  }

  return {
    /** Version-guarded upsert of a user's public state. Returns whether it was newer than the copy. */
    async applyUserState(event: UserStateEvent): Promise<boolean> {
      const applied = await deps.users.upsertState(event.data, event.aggregateVersion);
      if (!applied) return false;
      // Members see the new name and avatar at once in every party of the user.
      const pushes: Push[] = [];
      for (const partyId of await members.listPartyIdsOfUser(event.data.userId)) {
        const member = await members.find(partyId, event.data.userId);
        if (member) pushes.push((n) => n.memberUpdated(member));
      }
      notify(pushes);
      return true;
    },

    /**
     * The user leaves every party (each with its events); their messages stay without an author. One
     * transaction: a redelivered event finds its id recorded and changes nothing; a failure leaves nothing
     * half-applied.
     */
    async applyUserDeleted(event: UserDeletedEvent): Promise<void> {
      const { userId } = event.data;
      const departures = await tx(async (repos) => {
        if (await repos.processedEvents.wasProcessed(USERS_CONSUMER, event.eventId)) return [];
        await repos.users.markDeleted(userId, event.aggregateVersion);
        const done: Departure[] = [];
        // Parties are locked in id order, so two deletions sharing parties never deadlock.
        const partyIds = (await repos.members.listPartyIdsOfUser(userId)).sort();
        for (const partyId of partyIds) {
          const departure = await leaveParty(repos, partyId, userId, event.correlationId);
          if (departure) done.push(departure);
        }
        await repos.messages.detachAuthor(userId);
        await repos.processedEvents.markProcessed(USERS_CONSUMER, event.eventId);
        return done;
      });
      const pushes: Push[] = [];
      for (const departure of departures) pushes.push(...(await departurePushes(userId, departure)));
      notify(pushes);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
