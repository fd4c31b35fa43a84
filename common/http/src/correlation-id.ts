// Every request gets a correlation id that travels into logs, error bodies and Kafka events. A caller's id
// is kept when it looks sane, so a trace can span the client, both services and the event stream.
import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';

import './request-types.js';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Short and boring: it is echoed in headers and written into logs, so nothing that could inject there.
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && VALID.test(value);
}

export function correlationId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers[CORRELATION_ID_HEADER];
    const id = isValidCorrelationId(incoming) ? incoming : randomUUID();
    req.correlationId = id;
    res.locals.correlationId = id;
    res.setHeader(CORRELATION_ID_HEADER, id);
    next();
  };
}
