// The one place errors become HTTP responses (STYLE habit 6). AppErrors answer with their own status and
// code; everything unknown is a generic 500 that names the correlation id, never a stack trace.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

import { AppError, type ErrorBody } from '@partyline/contracts';

import './request-types.js';

/** The part of a pino logger we use. */
export interface ErrorLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(AppError.notFound('ROUTE.NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

export function errorHandler(logger: ErrorLogger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a clean reply; let Express close the connection.
      next(err);
      return;
    }
    const appError = toAppError(err);
    const correlationId = req.correlationId;
    if (appError.status >= 500) {
      logger.error({ err, correlationId, method: req.method, path: req.path }, 'request failed');
    } else if (appError === err) {
      // Expected client errors are not logged: they are part of normal traffic.
    } else {
      logger.warn({ err, correlationId }, 'request rejected');
    }
    send(res, req, appError);
  };
}

function send(res: Response, req: Request, error: AppError): void {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(req.correlationId === undefined ? {} : { correlationId: req.correlationId }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.status(error.status).json(body);
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const bodyParserError = asBodyParserError(err);
  if (bodyParserError !== undefined) return bodyParserError;
  // The router's decodeURIComponent of a path parameter (`/api/messages/%E0`) throws a URIError with 400.
  if (err instanceof URIError && (err as { status?: unknown }).status === 400) {
    return AppError.invalid('A path parameter is not valid percent-encoded UTF-8');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side', { cause: err });
}

// express.json() reports bad bodies as http-errors with a `type` and a 4xx status.
function asBodyParserError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status } = err as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500)
    return undefined;
  if (type === 'entity.parse.failed') return AppError.invalid('The request body is not valid JSON');
  if (type === 'entity.too.large')
    return new AppError('REQUEST.INVALID', 'The request body is too large', { status: 413 });
  return new AppError('REQUEST.INVALID', 'The request body could not be read', { status });
}

function retryAfterSeconds(error: AppError): number | undefined {
  if (error.code !== 'RATE_LIMITED' && error.code !== 'SERVICE.UNAVAILABLE') return undefined;
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? Math.ceil(details.retryAfterSeconds) : undefined;
}
