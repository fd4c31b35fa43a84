// passport and its OAuth strategies, loaded without their @types packages: @types/passport declares
// `Express.Request.user` as its own type, which clashes with the AuthUser that @partyline/auth declares
// there. These are the few members we use.
import { createRequire } from 'node:module';

import type { Request, RequestHandler } from 'express';

const require = createRequire(import.meta.url);

export interface StrategyProfile {
  id: string;
  displayName?: string;
  username?: string;
  emails?: { value: string; verified?: boolean | string; primary?: boolean }[];
  photos?: { value: string }[];
  _json?: Record<string, unknown>;
}

type VerifyDone = (err: unknown, user?: unknown, info?: unknown) => void;
export type VerifyFunction = (
  req: Request,
  accessToken: string,
  refreshToken: string | undefined,
  profile: StrategyProfile,
  done: VerifyDone,
) => void;

/** The state store contract of passport-oauth2 when `pkce: true` (arity decides how it is called). */
export interface PkceStateStore {
  store(
    req: Request,
    verifier: string,
    state: unknown,
    meta: unknown,
    cb: (err: unknown, handle?: string) => void,
  ): void;
  verify(
    req: Request,
    providedState: unknown,
    meta: unknown,
    cb: (err: unknown, ok?: string | false, state?: unknown) => void,
  ): void;
}

interface OAuthStrategyOptions {
  clientID: string;
  clientSecret: string;
  authorizationURL: string;
  tokenURL: string;
  callbackURL: string;
  scope: string[];
  pkce: true;
  state: true;
  store: PkceStateStore;
  passReqToCallback: true;
  userProfileURL?: string;
  userEmailURL?: string;
  allRawEmails?: boolean;
}

export type Strategy = object;
type StrategyClass = new (options: OAuthStrategyOptions, verify: VerifyFunction) => Strategy;

interface Authenticator {
  use(name: string, strategy: Strategy): void;
  authenticate(
    name: string,
    options: { session: false; state?: unknown },
    callback?: (err: unknown, user: unknown, info: unknown) => void,
  ): RequestHandler;
}

const passport = require('passport') as { Passport: new () => Authenticator };
export const GitHubStrategy = (require('passport-github2') as { Strategy: StrategyClass }).Strategy;
export const GoogleStrategy = (require('passport-google-oauth20') as { Strategy: StrategyClass }).Strategy;

/** A passport instance of our own (not the global singleton), so several apps can live in one process. */
export const createAuthenticator = (): Authenticator => new passport.Passport();
