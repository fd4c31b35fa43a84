// Who is acting on a REST request: the signed-in user and the request's correlation id.
import { authUser } from '@partyline/auth';
import type { Request } from 'express';

import type { Actor } from '../shared/actor.js';

export const requestActor = (req: Request): Actor => {
  const user = authUser(req);
  return {
    id: user.id,
    username: user.username,
    ...(req.correlationId === undefined ? {} : { correlationId: req.correlationId }),
  };
};
