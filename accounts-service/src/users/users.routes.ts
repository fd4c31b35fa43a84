// /api/users: the signed-in user's profile and public profiles. Thin: parse, one service call, present.
import { Router } from 'express';
import type { RequestHandler } from 'express';

import { authUser } from '@partyline/auth';
import { validate } from '@partyline/http';
import { UpdateMeBody, UserIdParams } from '@partyline/contracts';

import { contextOf } from '../http/request-context.js';
import type { UserService } from './user.service.js';

export function usersRoutes({
  users,
  requireAuth,
}: {
  users: UserService;
  requireAuth: RequestHandler;
}): Router {
  const router = Router();
  router.use(requireAuth);

  router.get('/me', async (req, res) => {
    res.json(await users.getMe(authUser(req).id));
  });

  const update = validate({ body: UpdateMeBody });
  router.patch('/me', update, async (req, res) => {
    res.json(await users.updateMe(authUser(req).id, update.read(res).body, contextOf(req)));
  });

  router.delete('/me', async (req, res) => {
    await users.deleteMe(authUser(req).id, contextOf(req));
    res.status(204).end();
  });

  const byId = validate({ params: UserIdParams });
  router.get('/:userId', byId, async (req, res) => {
    res.json(await users.getPublic(byId.read(res).params.userId));
  });

  return router;
}
