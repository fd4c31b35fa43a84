/**
 * Adds the version guard to a projection's filter: the update matches only when the copy is older than
 * the event, so a redelivered or out-of-order event changes nothing. Pair it with `$set: { version }`:
 *
 * ```ts
 * await memberships.updateOne(versionGuard({ _id: partyId }, event.aggregateVersion),
 *   { $set: { name, version: event.aggregateVersion } });
 * ```
 * For an upsert, a duplicate-key error (11000) then means "already newer": ignore it.
 */
export function versionGuard<F extends object>(filter: F, version: number): F & { version: { $lt: number } } {
  return { ...filter, version: { $lt: version } };
}
