// Who is acting on a REST request: the signed-in user and the request's correlation id.
import { authUser } from '@partyline/auth';
import type { Request } from 'express';

import type { Actor } from './types.js';

export type { Actor } from './types.js';

export const actorOf = (req: Request): Actor => {
  const user = authUser(req);
  return {
    id: user.id,
    username: user.username,
    ...(req.correlationId === undefined ? {} : { correlationId: req.correlationId }),
  };
};
