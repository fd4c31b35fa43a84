import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Me, makeEvent } from '@partyline/contracts';
import type { PartyEvent } from '@partyline/contracts';

import { Browser } from './support/browser.js';
import { eventually, groupCaughtUp, produce, readTopic } from './support/kafka.js';
import { startTestService, testConfig } from './support/service.js';
import type { TestService } from './support/service.js';
import { devSignIn } from './support/session.js';

const meta = (partyId: string, version: number) => ({
  aggregateId: partyId,
  aggregateVersion: version,
  producer: 'messages-service',
  correlationId: randomUUID(),
});

describe('memberships copy fed by messages.party-events', () => {
  let svc: TestService;
  const http = new Browser();
  const membershipsOf = async (token: string, url = svc.url) =>
    Me.parse((await http.request(`${url}/api/users/me`, { token })).body).memberships;

  beforeAll(async () => {
    svc = await startTestService(testConfig({ DEV_SIGNIN: 'true' }));
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('builds, renames and removes memberships; replaying the topic twice changes nothing', async () => {
    const owner = await devSignIn(svc.url, 'host');
    const guest = await devSignIn(svc.url, 'guest');
    const leaver = await devSignIn(svc.url, 'leaver');
    const [ownerId, guestId, leaverId] = [owner, guest, leaver].map((s) => s.session.user.id) as [
      string,
      string,
      string,
    ];
    const party = randomUUID();
    const doomed = randomUUID();

    const history: PartyEvent[] = [
      makeEvent('PartyCreated', { partyId: party, name: 'Board games', ownerId }, meta(party, 1)),
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Board games', userId: ownerId, role: 'owner' },
        meta(party, 2),
      ),
      makeEvent(
        'TopicCreated',
        { partyId: party, topicId: randomUUID(), name: 'general', position: 0 },
        meta(party, 3),
      ),
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Board games', userId: guestId, role: 'member' },
        meta(party, 4),
      ),
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Board games', userId: leaverId, role: 'member' },
        meta(party, 5),
      ),
      makeEvent('MemberRoleChanged', { partyId: party, userId: guestId, role: 'admin' }, meta(party, 6)),
      makeEvent('PartyUpdated', { partyId: party, name: 'Card games' }, meta(party, 7)),
      makeEvent('MemberLeft', { partyId: party, userId: leaverId, reason: 'left' }, meta(party, 8)),
      makeEvent('PartyCreated', { partyId: doomed, name: 'Short-lived', ownerId }, meta(doomed, 1)),
      makeEvent(
        'MemberJoined',
        { partyId: doomed, partyName: 'Short-lived', userId: guestId, role: 'member' },
        meta(doomed, 2),
      ),
      makeEvent('PartyDeleted', { partyId: doomed }, meta(doomed, 3)),
    ];
    await produce(svc.config.topics.partyEvents, history);

    const expected = {
      owner: [{ partyId: party, partyName: 'Card games', role: 'owner' }],
      guest: [{ partyId: party, partyName: 'Card games', role: 'admin' }],
      leaver: [],
    };
    const current = async () => ({
      owner: await membershipsOf(owner.token),
      guest: await membershipsOf(guest.token),
      leaver: await membershipsOf(leaver.token),
    });
    await eventually(async () => expect(await current()).toEqual(expected));

    // Replay: the whole history again, twice, then one newer event as a marker that it was all consumed.
    await produce(svc.config.topics.partyEvents, [...history, ...history]);
    await produce(svc.config.topics.partyEvents, [
      makeEvent(
        'TopicCreated',
        { partyId: party, topicId: randomUUID(), name: 'marker', position: 1 },
        meta(party, 9),
      ),
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Card games', userId: leaverId, role: 'member' },
        meta(party, 10),
      ),
    ]);
    await eventually(async () => expect(await membershipsOf(leaver.token)).toHaveLength(1));
    const after = await current();
    expect(after.owner).toEqual(expected.owner);
    expect(after.guest).toEqual(expected.guest);
  });

  it('a second instance replaying the topic from the beginning into the same store changes nothing', async () => {
    const member = await devSignIn(svc.url, 'replayer');
    const party = randomUUID();
    await produce(svc.config.topics.partyEvents, [
      makeEvent(
        'PartyCreated',
        { partyId: party, name: 'Replay club', ownerId: randomUUID() },
        meta(party, 1),
      ),
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Replay club', userId: member.session.user.id, role: 'member' },
        meta(party, 2),
      ),
      makeEvent('PartyUpdated', { partyId: party, name: 'Replay society' }, meta(party, 3)),
    ]);
    const expected = [{ partyId: party, partyName: 'Replay society', role: 'member' }];
    await eventually(async () => expect(await membershipsOf(member.token)).toEqual(expected));

    // Same database and topic, a fresh consumer group: it reads every event of the topic again.
    const replayGroup = `${svc.config.consumerGroupId}-replay`;
    const replica = await startTestService({ ...svc.config, consumerGroupId: replayGroup });
    try {
      await eventually(async () =>
        expect(await groupCaughtUp(replayGroup, svc.config.topics.partyEvents)).toBe(true),
      );
      expect(await membershipsOf(member.token, replica.url)).toEqual(expected);
    } finally {
      await replica.closeKeepingData();
    }
  });

  it('an event that can never be applied goes to the DLT and the party’s later events still apply', async () => {
    const member = await devSignIn(svc.url, 'survivor');
    const party = randomUUID();
    const poison = {
      ...makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Poisoned', userId: member.session.user.id, role: 'member' },
        meta(party, 1),
      ),
      data: { partyId: party, partyName: 'Poisoned', userId: member.session.user.id, role: 'emperor' },
    };
    await produce(svc.config.topics.partyEvents, [
      poison,
      makeEvent(
        'MemberJoined',
        { partyId: party, partyName: 'Healthy', userId: member.session.user.id, role: 'member' },
        meta(party, 2),
      ),
    ]);
    await eventually(async () =>
      expect(await membershipsOf(member.token)).toEqual([
        { partyId: party, partyName: 'Healthy', role: 'member' },
      ]),
    );
    const dlt = await readTopic(`${svc.config.topics.partyEvents}.dlt`);
    try {
      await dlt.waitFor((values) =>
        values.some((v) => (v as { eventId?: string }).eventId === poison.eventId),
      );
    } finally {
      await dlt.stop();
    }
  });
});
