// The `Session` reply of a sign-in or refresh. The refresh token is not in it: it travels in the cookie.
import type { Session } from '@partyline/contracts';

import { presentMe } from '../users/users.presenter.js';
import type { IssuedSession } from './session-issuer.js';

export const presentSession = ({ profile, accessToken, expiresIn }: IssuedSession): Session => ({
  accessToken,
  expiresIn,
  user: presentMe(profile),
});
