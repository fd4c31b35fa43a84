// Users in MongoDB. Every change is one single-document update that also pushes its event into the
// document's outbox and bumps the version (the outbox pattern without transactions).
import { AppError } from '@partyline/contracts';
import type { AnyEvent } from '@partyline/contracts';
import { createDocumentLock, outboxUpdate, type DocumentLock, type PendingOutbox } from '@partyline/events';

import { isDuplicateKey } from '../db/duplicate-key.js';
import type { UserDoc, UserModel } from './users.model.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** The stored avatar object behind avatarUrl, when the service made it (never presented). */
  avatarKey: string | null;
  verifiedEmails: string[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type ProfilePatch = Partial<
  Pick<User, 'username' | 'displayName' | 'avatarUrl' | 'avatarKey' | 'verifiedEmails'>
>;
/** What a new user is made of (a new user has no stored avatar yet). */
export type NewUser = Omit<User, 'version' | 'createdAt' | 'updatedAt' | 'avatarKey'>;
/** Builds the event describing a change from the user's state after it. */
type EventFor = (next: User) => AnyEvent;

const toUser = (doc: UserDoc): User => ({
  id: doc._id,
  username: doc.username,
  displayName: doc.displayName,
  avatarUrl: doc.avatarUrl ?? null,
  avatarKey: doc.avatarKey ?? null,
  verifiedEmails: [...(doc.verifiedEmails ?? [])],
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  version: doc.version,
});

const usernameTaken = (username: string) =>
  AppError.conflict('USER.USERNAME_TAKEN', `The username "${username}" is taken`);

/** Without a PendingOutbox the write just runs (the relay then finds the events by scanning). */
const unmarked = { write: <T>(_id: unknown, update: () => Promise<T>) => update() };

/**
 * `pending` (shared with the outbox relay) marks each written user and wakes the relay for it, so the
 * relay never scans the collection; `lock` (shared too) keeps its removals off our updates (FerretDB).
 */
export function createUserRepository(
  users: UserModel,
  lock: DocumentLock = createDocumentLock(),
  pending: Pick<PendingOutbox, 'write'> = unmarked,
) {
  const live = { deletedAt: null };

  return {
    async findById(id: string): Promise<User | null> {
      const doc = await users.findOne({ _id: id, ...live }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },

    async findByUsername(username: string): Promise<User | null> {
      const doc = await users.findOne({ username, ...live }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },

    async findByVerifiedEmail(email: string): Promise<User | null> {
      const doc = await users.findOne({ verifiedEmails: email.toLowerCase(), ...live }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },

    /** Inserts a new user with its UserRegistered event; 409 USER.USERNAME_TAKEN on a duplicate username. */
    async create(fields: NewUser, now: Date, eventFor: EventFor): Promise<User> {
      const user: User = { ...fields, avatarKey: null, createdAt: now, updatedAt: now, version: 1 };
      try {
        await pending.write(user.id, () =>
          users.collection.insertOne({
            _id: user.id,
            username: user.username,
            displayName: user.displayName,
            avatarUrl: user.avatarUrl,
            avatarKey: null,
            verifiedEmails: user.verifiedEmails,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
            version: 1,
            outbox: [eventFor(user)],
          } as never),
        );
      } catch (err) {
        if (isDuplicateKey(err)) throw usernameTaken(user.username);
        throw err;
      }
      return user;
    },

    /**
     * Applies a patch if the user is still at `current.version`. Returns the new state, or null when
     * someone else changed the user first (the caller re-reads and retries).
     */
    async update(current: User, patch: ProfilePatch, now: Date, eventFor: EventFor): Promise<User | null> {
      const next: User = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
      try {
        const result = await lock.run(current.id, () =>
          pending.write(current.id, () =>
            users.updateOne(
              { _id: current.id, version: current.version, ...live },
              { $set: { ...patch, updatedAt: now }, ...outboxUpdate(eventFor(next)) },
            ),
          ),
        );
        return result.matchedCount === 1 ? next : null;
      } catch (err) {
        if (isDuplicateKey(err) && patch.username) throw usernameTaken(patch.username);
        throw err;
      }
    },

    /**
     * Turns the user into a tombstone: personal data cleared, username released, UserDeleted in the outbox.
     * The document is kept (marked deleted) so the relay can publish and stale events cannot revive it.
     */
    async markDeleted(current: User, now: Date, event: AnyEvent): Promise<boolean> {
      const result = await lock.run(current.id, () =>
        pending.write(current.id, () =>
          users.updateOne(
            { _id: current.id, version: current.version, ...live },
            {
              $set: {
                deletedAt: now,
                updatedAt: now,
                username: `~deleted:${current.id}`,
                displayName: '',
                avatarUrl: null,
                avatarKey: null,
                verifiedEmails: [],
              },
              ...outboxUpdate(event),
            },
          ),
        ),
      );
      return result.matchedCount === 1;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
