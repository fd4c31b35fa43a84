// Stable error codes (`AREA.REASON`) and the one error class every layer throws. No Node dependencies: the
// browser client imports this too.
import { z } from 'zod';

export const ERROR_CODES = [
  'REQUEST.INVALID',
  'ROUTE.NOT_FOUND',
  'ROUTE.METHOD_NOT_ALLOWED',
  'AUTH.REQUIRED',
  'AUTH.TOKEN_INVALID',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.TOKEN_NOT_YET_VALID',
  'AUTH.WRONG_ISSUER',
  'AUTH.WRONG_AUDIENCE',
  'AUTH.WRONG_TYPE',
  'AUTH.UNKNOWN_KEY',
  'AUTH.ALGORITHM_NOT_ALLOWED',
  'AUTH.REFRESH_INVALID',
  'AUTH.REFRESH_REUSED',
  'AUTH.STATE_INVALID',
  'AUTH.PROVIDER_DISABLED',
  'AUTH.PROVIDER_FAILED',
  'AUTH.DEV_SIGNIN_DISABLED',
  'AUTH.ORIGIN_NOT_ALLOWED',
  'USER.NOT_FOUND',
  'USER.USERNAME_TAKEN',
  'USER.DELETED',
  'PARTY.NOT_FOUND',
  'PARTY.FORBIDDEN',
  'PARTY.OWNER_MUST_TRANSFER',
  'PARTY.IS_DIRECT',
  'DIRECT.NOT_FOUND',
  'DIRECT.NO_SHARED_PARTY',
  'DIRECT.FULL',
  'MEMBER.NOT_FOUND',
  'MEMBER.FORBIDDEN',
  'MEMBER.BANNED',
  'MEMBER.ALREADY_MEMBER',
  'INVITE.INVALID',
  'ATTACHMENT.NOT_FOUND',
  'ATTACHMENT.TOO_LARGE',
  'ATTACHMENT.NOT_UPLOADED',
  'ATTACHMENT.UNUSABLE',
  'AVATAR.TYPE_NOT_ALLOWED',
  'AVATAR.TOO_LARGE',
  'AVATAR.NOT_UPLOADED',
  'AVATAR.UNUSABLE',
  'AVATAR.ANIMATED',
  'AVATAR.TOO_MANY_PIXELS',
  'AVATAR.NOT_FOUND',
  'TOPIC.NOT_FOUND',
  'TOPIC.NAME_TAKEN',
  'MESSAGE.NOT_FOUND',
  'MESSAGE.FORBIDDEN',
  'MESSAGE.TOO_LONG',
  'MESSAGE.NONCE_CONFLICT',
  'MESSAGE.MENTION_FORBIDDEN',
  'MESSAGE.REPLY_NOT_FOUND',
  'REACTION.INVALID_EMOJI',
  'REACTION.TOO_MANY',
  'RATE_LIMITED',
  'SERVICE.UNAVAILABLE',
  'CONFLICT',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

// Codes whose status does not follow from their suffix. Everything else is derived in httpStatusFor.
const EXPLICIT_STATUS: Partial<Record<ErrorCode, number>> = {
  'REQUEST.INVALID': 400,
  'ROUTE.METHOD_NOT_ALLOWED': 405,
  'AUTH.STATE_INVALID': 400,
  'AUTH.PROVIDER_DISABLED': 404,
  'AUTH.PROVIDER_FAILED': 502,
  'AUTH.DEV_SIGNIN_DISABLED': 404,
  'AUTH.ORIGIN_NOT_ALLOWED': 403,
  'USER.DELETED': 410,
  'USER.USERNAME_TAKEN': 409,
  'PARTY.OWNER_MUST_TRANSFER': 409,
  // A party-only operation (invites, topics, roles, bans, rename…) on a direct conversation.
  'PARTY.IS_DIRECT': 409,
  // No cold DMs: the others must share a party or a conversation with the creator.
  'DIRECT.NO_SHARED_PARTY': 403,
  'DIRECT.FULL': 409,
  'MEMBER.BANNED': 403,
  'MEMBER.ALREADY_MEMBER': 409,
  'INVITE.INVALID': 404,
  'ATTACHMENT.TOO_LARGE': 413,
  'ATTACHMENT.NOT_UPLOADED': 409,
  'ATTACHMENT.UNUSABLE': 409,
  'AVATAR.TYPE_NOT_ALLOWED': 415,
  'AVATAR.TOO_LARGE': 413,
  'AVATAR.NOT_UPLOADED': 409,
  'AVATAR.UNUSABLE': 400,
  'AVATAR.ANIMATED': 400,
  'AVATAR.TOO_MANY_PIXELS': 413,
  'TOPIC.NAME_TAKEN': 409,
  'MESSAGE.TOO_LONG': 400,
  'MESSAGE.NONCE_CONFLICT': 409,
  'MESSAGE.MENTION_FORBIDDEN': 403,
  'MESSAGE.REPLY_NOT_FOUND': 404,
  'REACTION.INVALID_EMOJI': 400,
  'REACTION.TOO_MANY': 409,
  RATE_LIMITED: 429,
  'SERVICE.UNAVAILABLE': 503,
  CONFLICT: 409,
  INTERNAL: 500,
};

/** The HTTP status a code is answered with (interfaces.md: 401 AUTH.*, 403 *.FORBIDDEN, 404 *.NOT_FOUND …). */
export function httpStatusFor(code: ErrorCode): number {
  const explicit = EXPLICIT_STATUS[code];
  if (explicit !== undefined) return explicit;
  if (code.startsWith('AUTH.')) return 401;
  if (code.endsWith('.FORBIDDEN')) return 403;
  if (code.endsWith('.NOT_FOUND')) return 404;
  return 500;
}

export interface AppErrorOptions {
  details?: unknown;
  /** Overrides the status derived from the code (rarely needed). */
  status?: number;
  cause?: unknown;
}

/** A failure with a stable code. One middleware turns it into `{ error: { code, message, … } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? httpStatusFor(code);
    this.details = options.details;
  }

  static invalid(message: string, details?: unknown): AppError {
    return new AppError('REQUEST.INVALID', message, { details });
  }

  static unauthorized(code: ErrorCode & `AUTH.${string}`, message: string): AppError {
    return new AppError(code, message);
  }

  static forbidden(code: ErrorCode, message: string): AppError {
    return new AppError(code, message, { status: 403 });
  }

  static notFound(code: ErrorCode, message: string): AppError {
    return new AppError(code, message, { status: 404 });
  }

  static conflict(code: ErrorCode, message: string, details?: unknown): AppError {
    return new AppError(code, message, { status: 409, details });
  }

  static rateLimited(message: string, retryAfterSeconds: number): AppError {
    return new AppError('RATE_LIMITED', message, { details: { retryAfterSeconds } });
  }

  /** A store or dependency is down for now; the client may retry the same request after a while. */
  static unavailable(message: string, retryAfterSeconds = 1): AppError {
    return new AppError('SERVICE.UNAVAILABLE', message, { details: { retryAfterSeconds } });
  }

  static internal(message = 'Something went wrong', cause?: unknown): AppError {
    return new AppError('INTERNAL', message, { cause });
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
