// Turning the driver's "duplicate key" into something a repository can map to a domain error.

/**
 * A unique index refused the write. MongoDB (and FerretDB on inserts) answer code 11000; FerretDB 1.x on
 * SQLite answers an *update* that breaks a unique index with InternalError (code 1) naming the SQLite
 * constraint, so that message is recognised too.
 */
export const isDuplicateKey = (err: unknown): boolean => {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
};
