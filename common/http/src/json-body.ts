// express.json() decodes a body that is not valid UTF-8 by replacing the broken bytes with U+FFFD, so a
// client's text would be stored as something it never sent. Refuse such a body instead, before parsing.
import { isUtf8 } from 'node:buffer';

import { AppError } from '@partyline/contracts';
import express, { type RequestHandler } from 'express';

export interface JsonBodyOptions {
  /** The largest body accepted, e.g. '64kb'. */
  limit: string;
}

export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return express.json({
    limit: options.limit,
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw AppError.invalid('The request body is not valid UTF-8');
    },
  });
}
