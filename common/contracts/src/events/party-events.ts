import { Id, Role, z } from '../common.js';
import { defineEvent } from './envelope.js';
import { eventVersions, readEvents } from './versions.js';

const id = Id;

export const MemberLeftReason = z.enum(['left', 'removed', 'banned', 'user-deleted']);
export type MemberLeftReason = z.infer<typeof MemberLeftReason>;

export const PartyCreatedV1 = defineEvent(
  'PartyCreated',
  1,
  z.object({ partyId: id, name: z.string().min(1), ownerId: id }),
);
export type PartyCreatedV1 = z.infer<typeof PartyCreatedV1>;

export const PartyUpdatedV1 = defineEvent(
  'PartyUpdated',
  1,
  z.object({ partyId: id, name: z.string().min(1) }),
);
export type PartyUpdatedV1 = z.infer<typeof PartyUpdatedV1>;

export const PartyDeletedV1 = defineEvent('PartyDeleted', 1, z.object({ partyId: id }));
export type PartyDeletedV1 = z.infer<typeof PartyDeletedV1>;

export const MemberJoinedV1 = defineEvent(
  'MemberJoined',
  1,
  z.object({ partyId: id, partyName: z.string().min(1), userId: id, role: Role }),
);
export type MemberJoinedV1 = z.infer<typeof MemberJoinedV1>;

export const MemberLeftV1 = defineEvent(
  'MemberLeft',
  1,
  z.object({ partyId: id, userId: id, reason: MemberLeftReason }),
);
export type MemberLeftV1 = z.infer<typeof MemberLeftV1>;

export const MemberRoleChangedV1 = defineEvent(
  'MemberRoleChanged',
  1,
  z.object({ partyId: id, userId: id, role: Role }),
);
export type MemberRoleChangedV1 = z.infer<typeof MemberRoleChangedV1>;

const topicState = z.object({
  partyId: id,
  topicId: id,
  name: z.string().min(1),
  position: z.number().int().min(0),
});

export const TopicCreatedV1 = defineEvent('TopicCreated', 1, topicState);
export type TopicCreatedV1 = z.infer<typeof TopicCreatedV1>;

export const TopicUpdatedV1 = defineEvent('TopicUpdated', 1, topicState);
export type TopicUpdatedV1 = z.infer<typeof TopicUpdatedV1>;

export const TopicDeletedV1 = defineEvent('TopicDeleted', 1, z.object({ partyId: id, topicId: id }));
export type TopicDeletedV1 = z.infer<typeof TopicDeletedV1>;

/** The versions of every type on `messages.party-events`, each with its upcasters (none yet: all v1). */
export const PartyEventVersions = [
  eventVersions(PartyCreatedV1),
  eventVersions(PartyUpdatedV1),
  eventVersions(PartyDeletedV1),
  eventVersions(MemberJoinedV1),
  eventVersions(MemberLeftV1),
  eventVersions(MemberRoleChangedV1),
  eventVersions(TopicCreatedV1),
  eventVersions(TopicUpdatedV1),
  eventVersions(TopicDeletedV1),
] as const;

/**
 * Everything that may appear on `messages.party-events` (key partyId; aggregateVersion is the party's
 * version, bumped by every one of these events), read as the latest version of its type.
 */
export const PartyEvent = readEvents(PartyEventVersions);
export type PartyEvent = z.infer<typeof PartyEvent>;
