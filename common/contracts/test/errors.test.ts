import { describe, expect, it } from 'vitest';

import { AppError, ERROR_CODES, ErrorCode, httpStatusFor, isAppError } from '../src/errors.js';

describe('error codes', () => {
  it.each([
    ['REQUEST.INVALID', 400],
    ['ROUTE.NOT_FOUND', 404],
    ['AUTH.REQUIRED', 401],
    ['AUTH.TOKEN_EXPIRED', 401],
    ['AUTH.REFRESH_REUSED', 401],
    ['AUTH.STATE_INVALID', 400],
    ['AUTH.DEV_SIGNIN_DISABLED', 404],
    ['AUTH.PROVIDER_DISABLED', 404],
    ['AUTH.PROVIDER_FAILED', 502],
    ['AUTH.ORIGIN_NOT_ALLOWED', 403],
    ['USER.NOT_FOUND', 404],
    ['USER.USERNAME_TAKEN', 409],
    ['USER.DELETED', 410],
    ['PARTY.FORBIDDEN', 403],
    ['PARTY.OWNER_MUST_TRANSFER', 409],
    ['MEMBER.BANNED', 403],
    ['MEMBER.ALREADY_MEMBER', 409],
    ['INVITE.INVALID', 404],
    ['TOPIC.NAME_TAKEN', 409],
    ['MESSAGE.FORBIDDEN', 403],
    ['MESSAGE.TOO_LONG', 400],
    ['MESSAGE.NONCE_CONFLICT', 409],
    ['RATE_LIMITED', 429],
    ['CONFLICT', 409],
    ['INTERNAL', 500],
  ] as const)('when the code is %s, then the status is %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });

  it('when any code is mapped, then it gets a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusFor(code);
      expect(status >= 400 && status < 600, `${code} → ${status}`).toBe(true);
    }
  });

  it('when every code is listed, then each is AREA.REASON or a bare reason in capitals', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^([A-Z]+\.)?[A-Z_]+$/);
  });

  it('when a string is not a known code, then the schema rejects it', () => {
    expect(ErrorCode.safeParse('PARTY.EXPLODED').success).toBe(false);
    expect(ErrorCode.safeParse('PARTY.NOT_FOUND').success).toBe(true);
  });
});

describe('AppError', () => {
  it('when made by a factory, then it carries the code, the status and the message', () => {
    const error = AppError.notFound('PARTY.NOT_FOUND', 'No such party');

    expect(error).toBeInstanceOf(Error);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'PARTY.NOT_FOUND',
      status: 404,
      message: 'No such party',
    });
  });

  it('when constructed with a code only, then the status follows from the code', () => {
    expect(new AppError('AUTH.TOKEN_EXPIRED', 'expired').status).toBe(401);
    expect(new AppError('MEMBER.FORBIDDEN', 'no').status).toBe(403);
  });

  it('when rate limited, then the retry delay travels in the details', () => {
    const error = AppError.rateLimited('Slow down', 3);

    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, details: { retryAfterSeconds: 3 } });
  });

  it('when a request is invalid, then the details are kept', () => {
    const error = AppError.invalid('Bad body', [{ path: ['body', 'name'] }]);

    expect(error).toMatchObject({
      code: 'REQUEST.INVALID',
      status: 400,
      details: [{ path: ['body', 'name'] }],
    });
  });

  it('when wrapping a cause, then the cause is kept for logs', () => {
    const cause = new Error('socket hang up');

    expect(AppError.internal(undefined, cause).cause).toBe(cause);
  });

  it('when something is not an AppError, then isAppError says so', () => {
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'INTERNAL', status: 500 })).toBe(false);
  });
});
