import { AnyEvent, PartyEvent, UserEvent, makeEvent } from '@partyline/contracts';
import { describe, expect, it } from 'vitest';

const userId = '6b0c3f0e-8f4e-4f59-9d7b-2a5f3c1d9e01';
const partyId = '0f8e2d4c-6a1b-4c3d-9e5f-7a8b9c0d1e2f';

describe('makeEvent', () => {
  it('when an event is made, it parses with its topic union at the latest schema version', () => {
    const event = makeEvent(
      'PartyCreated',
      { partyId, name: 'Board games', ownerId: userId },
      { aggregateId: partyId, aggregateVersion: 1, producer: 'messages-service', correlationId: 'req-1' },
    );
    const parsed = PartyEvent.parse(event);
    expect(parsed).toEqual(event);
    expect(event.schemaVersion).toBe(1);
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.occurredAt)).not.toBeNaN();
    expect('causationId' in event).toBe(false);
  });

  it('when two events are made, they get distinct event ids', () => {
    const meta = {
      aggregateId: userId,
      aggregateVersion: 1,
      producer: 'accounts-service',
      correlationId: 'c',
    };
    const a = makeEvent('UserDeleted', { userId }, meta);
    const b = makeEvent('UserDeleted', { userId }, meta);
    expect(a.eventId).not.toBe(b.eventId);
  });
});

describe('event schemas', () => {
  const base = makeEvent(
    'UserRegistered',
    { userId, username: 'ada', displayName: 'Ada', avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z' },
    {
      aggregateId: userId,
      aggregateVersion: 1,
      producer: 'accounts-service',
      correlationId: 'c',
      causationId: 'x',
    },
  );

  it('when a newer producer adds fields to the envelope or the data, consumers still parse the event', () => {
    const newer = { ...base, traceId: 't-1', data: { ...base.data, locale: 'fr' } };
    expect(UserEvent.safeParse(newer).success).toBe(true);
    expect(AnyEvent.safeParse(newer).success).toBe(true);
  });

  it('when the aggregate version is below 1 or not an integer, the event is rejected', () => {
    expect(UserEvent.safeParse({ ...base, aggregateVersion: 0 }).success).toBe(false);
    expect(UserEvent.safeParse({ ...base, aggregateVersion: 1.5 }).success).toBe(false);
  });

  it('when the event id is not a uuid or the type is unknown, the event is rejected', () => {
    expect(UserEvent.safeParse({ ...base, eventId: 'nope' }).success).toBe(false);
    expect(UserEvent.safeParse({ ...base, type: 'UserRenamed' }).success).toBe(false);
  });

  it('when a MemberLeft carries an unknown reason, it is rejected', () => {
    const left = makeEvent(
      'MemberLeft',
      { partyId, userId, reason: 'left' },
      { aggregateId: partyId, aggregateVersion: 2, producer: 'messages-service', correlationId: 'c' },
    );
    expect(PartyEvent.safeParse(left).success).toBe(true);
    expect(PartyEvent.safeParse({ ...left, data: { ...left.data, reason: 'vanished' } }).success).toBe(false);
  });
});
