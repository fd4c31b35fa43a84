import { randomUUID } from 'node:crypto';
import { makeEvent, type PartyEvent, type UserEvent } from '@partyline/contracts';
import type { EventHandlers, HandlerContext } from '@partyline/events';

const meta = (aggregateId: string, aggregateVersion: number) => ({
  aggregateId,
  aggregateVersion,
  producer: 'events-test',
  correlationId: randomUUID(),
});

/** `n` consecutive renames of one party, versions 1..n. */
export function partyRenames(partyId: string, n: number): PartyEvent[] {
  return Array.from({ length: n }, (_, i) =>
    makeEvent('PartyUpdated', { partyId, name: `name ${i + 1}` }, meta(partyId, i + 1)),
  );
}

/** One event of every user event type. */
export function everyUserEvent(userId = randomUUID()): UserEvent[] {
  const state = {
    userId,
    username: 'ada',
    displayName: 'Ada',
    avatarUrl: null,
    createdAt: new Date().toISOString(),
  };
  return [
    makeEvent('UserRegistered', state, meta(userId, 1)),
    makeEvent('UserUpdated', { ...state, avatarUrl: 'https://example.com/a.png' }, meta(userId, 2)),
    makeEvent('UserDeleted', { userId }, meta(userId, 3)),
  ];
}

/** One event of every party event type. */
export function everyPartyEvent(partyId = randomUUID()): PartyEvent[] {
  const userId = randomUUID();
  const topicId = randomUUID();
  return [
    makeEvent('PartyCreated', { partyId, name: 'Board games', ownerId: userId }, meta(partyId, 1)),
    makeEvent('PartyUpdated', { partyId, name: 'Card games' }, meta(partyId, 2)),
    makeEvent('MemberJoined', { partyId, partyName: 'Card games', userId, role: 'member' }, meta(partyId, 3)),
    makeEvent('MemberRoleChanged', { partyId, userId, role: 'admin' }, meta(partyId, 4)),
    makeEvent('MemberLeft', { partyId, userId, reason: 'removed' }, meta(partyId, 5)),
    makeEvent('TopicCreated', { partyId, topicId, name: 'general', position: 0 }, meta(partyId, 6)),
    makeEvent('TopicUpdated', { partyId, topicId, name: 'chat', position: 0 }, meta(partyId, 7)),
    makeEvent('TopicDeleted', { partyId, topicId }, meta(partyId, 8)),
    makeEvent('PartyDeleted', { partyId }, meta(partyId, 9)),
  ];
}

/** The same handler for every party event type (the map stays exhaustive, checked by the compiler). */
export function allPartyHandlers(
  handle: (event: PartyEvent, ctx: HandlerContext) => Promise<void>,
): EventHandlers<PartyEvent> {
  return {
    PartyCreated: handle,
    PartyUpdated: handle,
    PartyDeleted: handle,
    MemberJoined: handle,
    MemberLeft: handle,
    MemberRoleChanged: handle,
    TopicCreated: handle,
    TopicUpdated: handle,
    TopicDeleted: handle,
  };
}
