// Direct conversations (issue 15.3): one-to-one and small groups outside parties. A conversation is a
// party of kind 'direct' with one topic, so sending, sync, edits, reactions, replies, attachments and read
// state are the party code paths unchanged; this service creates, lists and extends conversations. No
// cold DMs: everyone added must already share a party or a conversation with the one adding them.
import { AppError, DIRECT_PARTICIPANTS_MAX, type CreateDirectBody } from '@partyline/contracts';

import type { MemberRecord, MembersRepository } from '../members/members.repository.js';
import { partyIsDirect } from '../members/membership.js';
import type { PartiesRepository } from '../parties/parties.repository.js';
import type { Actor } from '../shared/actor.js';
import type { Notify, Push } from '../shared/notifier.js';
import type { Transaction } from '../shared/transaction.js';
import type { TopicsRepository } from '../topics/topics.repository.js';
import { ensureActorUser } from '../users/ensure-actor-user.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { ConversationRow, DirectRepository } from './direct.repository.js';

/** A conversation's one topic. */
const CONVERSATION_TOPIC_NAME = 'direct';

/** A conversation with everyone in it, me included, in joining order. */
export interface Conversation extends ConversationRow {
  participants: MemberRecord[];
}

interface DirectTxRepos {
  direct: DirectRepository;
  parties: Pick<PartiesRepository, 'lock'>;
  members: Pick<MembersRepository, 'insert' | 'findRole' | 'listUserIds'>;
  topics: Pick<TopicsRepository, 'insert'>;
}

interface DirectServiceDeps {
  direct: DirectRepository;
  members: Pick<MembersRepository, 'find' | 'listOfParties'>;
  users: Pick<UsersRepository, 'ensure'>;
  tx: Transaction<DirectTxRepos>;
  notify: Notify;
}

export const directNotFound = () => AppError.notFound('DIRECT.NOT_FOUND', 'No such conversation');
const noSharedParty = () =>
  AppError.forbidden(
    'DIRECT.NO_SHARED_PARTY',
    'You can only write to people you share a party or a conversation with',
  );
const full = () =>
  AppError.conflict('DIRECT.FULL', `A conversation has at most ${DIRECT_PARTICIPANTS_MAX} people`);

/** Its topic, then its people (each has read it up to its seq, 0: nothing is unread yet). */
async function setUp(repos: DirectTxRepos, conversationId: string, userIds: string[]): Promise<void> {
  await repos.topics.insert(conversationId, CONVERSATION_TOPIC_NAME);
  for (const userId of userIds) await repos.members.insert(conversationId, userId, 'member');
}

export function createDirectService(deps: DirectServiceDeps) {
  const { direct, members, tx, notify } = deps;

  async function withParticipants(rows: ConversationRow[]): Promise<Conversation[]> {
    const all = await members.listOfParties(rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, participants: all.filter((m) => m.partyId === row.id) }));
  }

  async function get(actor: Actor, conversationId: string): Promise<Conversation> {
    const row = await direct.findForParticipant(conversationId, actor.id);
    if (!row) throw directNotFound();
    return (await withParticipants([row]))[0]!;
  }

  /** The others named, without me and duplicates; each must share something with me. */
  async function checkedOthers(actor: Actor, userIds: string[]): Promise<string[]> {
    const others = [...new Set(userIds)].filter((id) => id !== actor.id);
    if (others.length === 0) throw AppError.invalid('Name at least one person other than yourself');
    const sharing = new Set(await direct.sharingWith(actor.id, others));
    if (others.some((id) => !sharing.has(id))) throw noSharedParty();
    return others;
  }

  /**
   * After commit: every new participant's sockets join the conversation's room on every instance (the
   * member:joined push), so it appears live and its messages arrive like a party's.
   */
  async function joinedPushes(conversationId: string, userIds: string[]): Promise<Push[]> {
    const pushes: Push[] = [];
    for (const userId of userIds) {
      const member = await members.find(conversationId, userId);
      if (member) pushes.push((n) => n.memberJoined(member));
    }
    return pushes;
  }

  return {
    get,

    /**
     * One other person: the 1:1 with them, created once (idempotent, also under concurrency). More: the
     * group of exactly these people as they are now (after leaves and additions), or a new one when I
     * have none (also idempotent under concurrency). `created` says whether this call made it.
     */
    async create(
      actor: Actor,
      input: CreateDirectBody,
    ): Promise<{ conversation: Conversation; created: boolean }> {
      await ensureActorUser(deps.users, actor);
      const others = await checkedOthers(actor, input.userIds);
      const people = [actor.id, ...others];
      const { id, created } = await tx(async (repos) => {
        if (others.length === 1) {
          const pair = await repos.direct.insertPair(actor.id, others[0]!);
          if (pair.created) await setUp(repos, pair.id, people);
          return pair;
        }
        // Found again rather than duplicated (a retried request, or the same group started twice).
        await repos.direct.lockGroupSet(people);
        const existing = await repos.direct.findGroupOf(actor.id, people);
        if (existing) return { id: existing, created: false };
        const groupId = await repos.direct.insertGroup();
        await setUp(repos, groupId, people);
        return { id: groupId, created: true };
      });
      if (created) notify(await joinedPushes(id, people));
      return { conversation: await get(actor, id), created };
    },

    list: async (actor: Actor): Promise<Conversation[]> =>
      withParticipants(await direct.listOfUser(actor.id)),

    /** Adds people to a group (never to a 1:1: PARTY.IS_DIRECT), up to DIRECT_PARTICIPANTS_MAX in all. */
    async addParticipants(actor: Actor, conversationId: string, userIds: string[]): Promise<Conversation> {
      const others = await checkedOthers(actor, userIds);
      const added = await tx(async (repos) => {
        const locked = await repos.parties.lock(conversationId);
        if (!locked || locked.kind !== 'direct') throw directNotFound();
        if ((await repos.members.findRole(conversationId, actor.id)) === null) throw directNotFound();
        if (locked.pair) throw partyIsDirect('A one-to-one takes nobody more: start a group instead');
        const current = new Set(await repos.members.listUserIds(conversationId));
        const fresh = others.filter((id) => !current.has(id));
        if (current.size + fresh.length > DIRECT_PARTICIPANTS_MAX) throw full();
        for (const userId of fresh) await repos.members.insert(conversationId, userId, 'member');
        return fresh;
      });
      notify(await joinedPushes(conversationId, added));
      return get(actor, conversationId);
    },

    contacts: (actor: Actor) => direct.contactsOf(actor.id),
  };
}

export type DirectService = ReturnType<typeof createDirectService>;
