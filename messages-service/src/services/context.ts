import { randomUUID } from 'node:crypto';

import { AppError, type Role } from '@partyline/contracts';

import type { Pool, Queryable } from '../db/pool.js';
import type { Notifier } from '../domain/notifier.js';
import { ROLE_RANK, type Actor } from '../domain/types.js';
import { findRole } from '../repositories/members.repo.js';

/** A per-user limit (Redis-backed in the app); throws RATE_LIMITED when exceeded. */
export type RateLimit = (userId: string) => Promise<void>;

export interface RateLimits {
  send: RateLimit;
  invite: RateLimit;
}

export const unlimited: RateLimits = { send: async () => undefined, invite: async () => undefined };

/** What every domain service is built from. */
export interface ServiceDeps {
  pool: Pool;
  notifier: Notifier;
  limits: RateLimits;
  /** Where party, member and topic events go (default messages.party-events; tests use their own). */
  partyEventsTopic: string;
  /** Called when a notifier throws: a failed push must not fail a committed change. */
  onNotifyError?: (error: unknown) => void;
}

export const correlationOf = (actor: Actor): string => actor.correlationId ?? randomUUID();

export const partyNotFound = (): AppError => AppError.notFound('PARTY.NOT_FOUND', 'No such party');

/**
 * The actor's role in the party. Non-members get 404 PARTY.NOT_FOUND, exactly like a party that does not
 * exist, so party ids leak nothing.
 */
export async function requireMember(db: Queryable, partyId: string, userId: string): Promise<Role> {
  const role = await findRole(db, partyId, userId);
  if (role === null) throw partyNotFound();
  return role;
}

/** Members below `min` get 403 PARTY.FORBIDDEN (they may know the party exists; they may not do this). */
export async function requireRole(db: Queryable, partyId: string, userId: string, min: Role): Promise<Role> {
  const role = await requireMember(db, partyId, userId);
  if (ROLE_RANK[role] < ROLE_RANK[min]) {
    throw AppError.forbidden('PARTY.FORBIDDEN', `This needs the ${min} role or higher`);
  }
  return role;
}

/** Runs the notifier calls after commit; a failing push is reported, never thrown. */
export function notifyAll(deps: ServiceDeps, pushes: ((notifier: Notifier) => void)[]): void {
  for (const push of pushes) {
    try {
      push(deps.notifier);
    } catch (error) {
      deps.onNotifyError?.(error);
    }
  }
}
