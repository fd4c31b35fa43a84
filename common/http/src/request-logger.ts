// One request log for both services (pino-http), with every credential taken out: an access token in a
// log line is a session for whoever reads the logs. Requests of the operations endpoints are not logged.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

import './request-types.js';

/** Headers whose values never reach a log. */
export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization'] as const;
const REDACTED = '[redacted]';
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function redactHeaders<H extends IncomingHttpHeaders | OutgoingHttpHeaders>(headers: H): H {
  const copy = { ...headers } as Record<string, unknown>;
  for (const name of Object.keys(copy)) {
    if ((SECRET_HEADERS as readonly string[]).includes(name.toLowerCase())) copy[name] = REDACTED;
  }
  return copy as H;
}

interface SerializedMessage {
  headers?: IncomingHttpHeaders | OutgoingHttpHeaders;
  [key: string]: unknown;
}

const withoutSecrets = (message: SerializedMessage): SerializedMessage =>
  message.headers === undefined ? message : { ...message, headers: redactHeaders(message.headers) };

export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => (req as { correlationId?: string }).correlationId ?? 'unknown',
    customProps: (req) => ({ correlationId: (req as { correlationId?: string }).correlationId }),
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0] ?? '') },
    serializers: { req: withoutSecrets, res: withoutSecrets },
  }) as RequestHandler;
}
