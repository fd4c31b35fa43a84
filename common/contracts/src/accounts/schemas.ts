// accounts-service REST contracts: sign-in, sessions and profiles. Client input is `.strict()`; replies are
// the shapes the presenters build from an allow-list of fields.
import { Id, PublicUser, Role, Timestamp, z } from '../common.js';
import { DISPLAY_NAME_MAX, URL_MAX, USERNAME_MAX, USERNAME_MIN } from '../limits.js';
import { nameString } from '../text.js';

// ---------- building blocks ----------

/** 3–32 characters of lowercase letters, digits and underscore. */
export const Username = z
  .string()
  .min(USERNAME_MIN)
  .max(USERNAME_MAX)
  .regex(/^[a-z0-9_]+$/, 'Use 3–32 lowercase letters, digits or underscores')
  .openapi({ example: 'ada_lovelace' });

export const DisplayName = nameString(DISPLAY_NAME_MAX).openapi({ example: 'Ada Lovelace' });

export const AvatarUrl = z
  .url({ protocol: /^https$/, message: 'Must be an https URL' })
  .max(URL_MAX)
  .openapi({ example: 'https://avatars.example.com/ada.png' });

/** Where to send the browser after an OAuth sign-in: a relative path on our origin, never another site. */
export const ReturnTo = z
  .string()
  .max(URL_MAX)
  .refine(isSafeRelativePath, 'Must be a relative path such as /invite/abc')
  .openapi({ example: '/invite/abc123' });

export function isSafeRelativePath(value: string): boolean {
  if (!value.startsWith('/')) return false;
  if (value.startsWith('//') || value.startsWith('/\\')) return false;
  // Backslashes and control characters are read as slashes or dropped by some browsers.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  return !/^\/[a-z][a-z0-9+.-]*:/i.test(value);
}

export const OAuthProvider = z.enum(['google', 'github']).openapi('OAuthProvider');
export type OAuthProvider = z.infer<typeof OAuthProvider>;

// ---------- requests ----------

export const DevSignInBody = z.object({ username: Username }).strict().openapi('DevSignInBody');
export type DevSignInBody = z.infer<typeof DevSignInBody>;

export const UpdateMeBody = z
  .object({
    displayName: DisplayName.optional(),
    username: Username.optional(),
    avatarUrl: AvatarUrl.nullable().optional(),
  })
  .strict()
  .openapi('UpdateMeBody');
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const OAuthStartQuery = z.object({ returnTo: ReturnTo.optional() }).openapi('OAuthStartQuery');
export type OAuthStartQuery = z.infer<typeof OAuthStartQuery>;

export const UserIdParams = z.object({ userId: Id });
export type UserIdParams = z.infer<typeof UserIdParams>;

// ---------- replies ----------

export const Membership = z.object({ partyId: Id, partyName: z.string(), role: Role }).openapi('Membership');
export type Membership = z.infer<typeof Membership>;

export const Me = PublicUser.extend({
  createdAt: Timestamp,
  memberships: z.array(Membership),
}).openapi('Me');
export type Me = z.infer<typeof Me>;

export const Session = z
  .object({
    accessToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int().positive(),
    user: Me,
  })
  .openapi('Session');
export type Session = z.infer<typeof Session>;

export const Providers = z
  .object({ google: z.boolean(), github: z.boolean(), dev: z.boolean() })
  .openapi('Providers');
export type Providers = z.infer<typeof Providers>;

export const Jwk = z.looseObject({ kty: z.string(), kid: z.string(), alg: z.string().optional() });
export const Jwks = z.object({ keys: z.array(Jwk) }).openapi('Jwks');
export type Jwks = z.infer<typeof Jwks>;
