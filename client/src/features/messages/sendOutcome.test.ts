import { describe, expect, it } from 'vitest';

import { outcomeOfRestError, outcomeOfServerError, retryAfterMs } from './sendOutcome';

describe('what a failed send leads to', () => {
  it('RATE_LIMITED and SERVICE.UNAVAILABLE wait the time the server gave, from any place it gives it', () => {
    expect(retryAfterMs({ retryAfterSeconds: 4 })).toBe(4_000);
    expect(retryAfterMs({ details: { retryAfterSeconds: 2 } })).toBe(2_000);
    expect(retryAfterMs({}, '7')).toBe(7_000);
    expect(retryAfterMs({ message: 'Too many messages; try again in 3 s' })).toBe(3_000);
    expect(outcomeOfServerError({ code: 'SERVICE.UNAVAILABLE', message: 'x' }, 0)).toEqual({
      kind: 'later',
      afterMs: 1_000,
      countsAsFailure: false,
    });
  });

  it('no answer (a network error, a timeout) waits for the connection, never fails', () => {
    expect(outcomeOfRestError({ status: 'FETCH_ERROR', error: 'TypeError: Failed to fetch' }, 0)).toEqual({
      kind: 'whenConnected',
    });
    expect(outcomeOfRestError({ status: 'TIMEOUT_ERROR' }, 0)).toEqual({ kind: 'whenConnected' });
  });

  it('a 503 over REST reads Retry-After; a definite refusal shows the server’s words', () => {
    expect(outcomeOfRestError({ status: 503, data: {}, retryAfter: '5' }, 0)).toMatchObject({
      kind: 'later',
      afterMs: 5_000,
    });
    expect(
      outcomeOfRestError(
        { status: 403, data: { error: { code: 'TOPIC.FORBIDDEN', message: 'Not here' } } },
        0,
      ),
    ).toEqual({ kind: 'refused', error: 'Not here' });
  });
});
