// Finds or creates the user behind a provider sign-in. Links by provider account id; links by email only
// when the provider says the address is verified (an unverified address could belong to anyone).
import { randomUUID } from 'node:crypto';

import { AppError } from '@partyline/contracts';
import type { OAuthProvider } from '@partyline/contracts';

import type { RequestContext } from '../users/user-events.js';
import type { User, UserRepository } from '../users/users.repository.js';
import type { UserService } from '../users/users.service.js';
import type { IdentityRepository } from './identities.repository.js';
import { baseUsername, safeAvatarUrl, safeDisplayName, usernameCandidate } from './username-candidates.js';

export interface ProviderProfile {
  provider: OAuthProvider;
  providerUserId: string;
  /** Only set when the provider marked it verified (and, for GitHub, primary). Lower-cased. */
  verifiedEmail: string | null;
  usernameHints: (string | null | undefined)[];
  displayName: string | null;
  avatarUrl: string | null;
}

interface AccountLinkingDeps {
  users: UserRepository;
  identities: IdentityRepository;
  userService: UserService;
  now?: () => Date;
}

const USERNAME_ATTEMPTS = 6;

export function createAccountLinkingService(deps: AccountLinkingDeps) {
  const { users, identities, userService, now = () => new Date() } = deps;

  /** Creates a user with a free username derived from the hints. */
  async function registerWithFreeUsername(id: string, profile: ProviderProfile, ctx: RequestContext) {
    const base = baseUsername(profile.usernameHints);
    for (let attempt = 0; attempt < USERNAME_ATTEMPTS; attempt += 1) {
      const username = usernameCandidate(base, attempt);
      try {
        return await userService.register(
          {
            id,
            username,
            displayName: safeDisplayName(profile.displayName, username),
            avatarUrl: safeAvatarUrl(profile.avatarUrl),
            verifiedEmails: profile.verifiedEmail ? [profile.verifiedEmail] : [],
          },
          ctx,
        );
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'USER.USERNAME_TAKEN')) throw err;
      }
    }
    throw AppError.internal('Could not find a free username');
  }

  async function userOrRegister(id: string, profile: ProviderProfile, ctx: RequestContext): Promise<User> {
    const user = await users.findById(id);
    if (user) return user;
    // The link exists but its user does not (an earlier sign-in stopped half-way): finish it.
    try {
      return await registerWithFreeUsername(id, profile, ctx);
    } catch (err) {
      const raced = await users.findById(id);
      if (raced) return raced;
      throw err;
    }
  }

  return {
    async signIn(profile: ProviderProfile, ctx: RequestContext): Promise<User> {
      const linked = await identities.findUserId(profile.provider, profile.providerUserId);
      if (linked) return userOrRegister(linked, profile, ctx);

      if (profile.verifiedEmail) {
        const owner = await users.findByVerifiedEmail(profile.verifiedEmail);
        if (owner) {
          const userId = await identities.claim(profile.provider, profile.providerUserId, owner.id, now());
          return userOrRegister(userId, profile, ctx);
        }
      }

      // Claim the provider account first, so two concurrent first sign-ins end up on one user.
      const userId = await identities.claim(profile.provider, profile.providerUserId, randomUUID(), now());
      return userOrRegister(userId, profile, ctx);
    },
  };
}

export type AccountLinkingService = ReturnType<typeof createAccountLinkingService>;
