// What each provider's profile means for us. The email is kept only when the provider vouches for it:
// Google's `email_verified`; on GitHub, the address from /user/emails that is both primary and verified.
import type { ProviderProfile } from '../account-linking.service.js';
import type { StrategyProfile } from './passport-lib.js';

const isTrue = (value: unknown) => value === true || value === 'true';
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function googleProfile(p: StrategyProfile): ProviderProfile {
  const email = p.emails?.find((e) => isTrue(e.verified));
  return {
    provider: 'google',
    providerUserId: String(p.id),
    verifiedEmail: email ? email.value.toLowerCase() : null,
    usernameHints: [text(p._json?.['given_name']), p.emails?.[0]?.value, p.displayName],
    displayName: text(p.displayName),
    avatarUrl: p.photos?.[0]?.value ?? null,
  };
}

export function githubProfile(p: StrategyProfile): ProviderProfile {
  const email = p.emails?.find((e) => e.primary === true && e.verified === true);
  return {
    provider: 'github',
    providerUserId: String(p.id),
    verifiedEmail: email ? email.value.toLowerCase() : null,
    usernameHints: [p.username, p.displayName],
    displayName: text(p.displayName) ?? text(p.username),
    avatarUrl: p.photos?.[0]?.value ?? null,
  };
}
