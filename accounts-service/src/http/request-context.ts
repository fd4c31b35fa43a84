// What services need to know about the request that caused a change (it travels into event envelopes).
import { randomUUID } from 'node:crypto';

import type { Request } from 'express';

import type { RequestContext } from '../users/user-events.js';

export const contextOf = (req: Request): RequestContext => ({
  correlationId: req.correlationId ?? randomUUID(),
});
