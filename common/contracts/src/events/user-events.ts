import { Id, z } from '../common.js';
import { EventInstant, defineEvent } from './envelope.js';
import { eventVersions, readEvents } from './versions.js';

// Every user event carries the full public state, so a consumer can upsert it (version-guarded) and the
// compacted topic keeps only the latest state per user.
export const UserEventState = z.object({
  userId: Id,
  username: z.string().min(1),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  createdAt: EventInstant,
});
export type UserEventState = z.infer<typeof UserEventState>;

export const UserRegisteredV1 = defineEvent('UserRegistered', 1, UserEventState);
export type UserRegisteredV1 = z.infer<typeof UserRegisteredV1>;

export const UserUpdatedV1 = defineEvent('UserUpdated', 1, UserEventState);
export type UserUpdatedV1 = z.infer<typeof UserUpdatedV1>;

export const UserDeletedV1 = defineEvent('UserDeleted', 1, z.object({ userId: Id }));
export type UserDeletedV1 = z.infer<typeof UserDeletedV1>;

/**
 * The versions of every type on `accounts.user-events`. A new version of a type is added with
 * `.then(UserUpdatedV2, upcaster from v1)`; old versions stay so old messages still parse.
 */
export const UserEventVersions = [
  eventVersions(UserRegisteredV1),
  eventVersions(UserUpdatedV1),
  eventVersions(UserDeletedV1),
] as const;

/**
 * Everything that may appear on `accounts.user-events`, read as the latest version of its type: the
 * schema consumers parse with (see `readEvents` for which versions are accepted).
 */
export const UserEvent = readEvents(UserEventVersions);
export type UserEvent = z.infer<typeof UserEvent>;
