// Driver errors the repositories turn into domain errors.
interface PgError {
  code: string;
  constraint?: string;
}

const isPgError = (error: unknown): error is PgError =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';

/** A unique violation (23505), optionally of one named constraint/index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    isPgError(error) &&
    error.code === '23505' &&
    (constraint === undefined || error.constraint === constraint)
  );
}
