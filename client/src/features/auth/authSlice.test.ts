import { describe, expect, it } from 'vitest';

import { ME } from '../../test/utils';
import { safeReturnTo } from './authApi';
import authSlice, { selectAccessToken, selectAuthStatus, sessionReceived, signedOut } from './authSlice';

const reducer = authSlice.reducer;

describe('auth slice', () => {
  it('starts unknown until the silent refresh answers', () => {
    expect(reducer(undefined, { type: 'init' }).status).toBe('unknown');
  });

  it('keeps the session in memory and computes the expiry from expiresIn', () => {
    const state = reducer(
      undefined,
      sessionReceived({ accessToken: 'abc', expiresIn: 600, user: ME, receivedAt: 1_000 }),
    );
    expect(state).toEqual({ accessToken: 'abc', expiresAt: 601_000, user: ME, status: 'authenticated' });
    expect(selectAccessToken({ auth: state })).toBe('abc');
  });

  it('forgets everything on sign-out', () => {
    const signedIn = reducer(undefined, sessionReceived({ accessToken: 'abc', expiresIn: 600, user: ME }));
    const state = reducer(signedIn, signedOut());
    expect(state).toEqual({ accessToken: null, expiresAt: null, user: null, status: 'anonymous' });
    expect(selectAuthStatus({ auth: state })).toBe('anonymous');
  });

  it('never stores the token in localStorage', () => {
    reducer(undefined, sessionReceived({ accessToken: 'secret-token', expiresIn: 600, user: ME }));
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token');
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/invite/abc', '/invite/abc'],
    ['/parties/1/topics/2?x=1', '/parties/1/topics/2?x=1'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [null, '/'],
    ['/signin?returnTo=/x', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});
