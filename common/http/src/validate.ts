// Request validation with the contract schemas. `validate(...)` is a middleware that also knows the types
// of what it parsed, so a handler reads them back fully typed:
//
//   const input = validate({ params: PartyParams, body: RenameParty });
//   router.patch('/parties/:partyId', requireAuth(verifier), input, async (req, res) => {
//     const { params, body } = input.read(res);
//   });
//
// The parsed values live in res.locals because Express 5 makes req.query read-only.
import type { RequestHandler, Response } from 'express';
import { AppError, type z } from '@partyline/contracts';

export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

export type ValidatedInput<S extends RequestSchemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

export interface ValidatingMiddleware<S extends RequestSchemas> extends RequestHandler {
  /** The parsed input of a request this middleware has passed. */
  read(res: Response): ValidatedInput<S>;
}

export interface InvalidField {
  /** Where the problem is, starting with body, query or params: ['body', 'name']. */
  path: (string | number)[];
  code: string;
  message: string;
}

const LOCALS_KEY = 'validated';
const PARTS = ['params', 'query', 'body'] as const;

export function validate<S extends RequestSchemas>(schemas: S): ValidatingMiddleware<S> {
  const middleware: RequestHandler = (req, res, next) => {
    const parsed: Record<string, unknown> = {};
    const problems: InvalidField[] = [];
    for (const part of PARTS) {
      const schema = schemas[part];
      if (schema === undefined) continue;
      // A request without a JSON body has req.body undefined; let the schema decide whether that is fine.
      const result = schema.safeParse(req[part]);
      if (result.success) parsed[part] = result.data;
      else problems.push(...result.error.issues.map((issue) => toInvalidField(part, issue)));
    }
    if (problems.length > 0) {
      next(AppError.invalid(describe(problems), problems));
      return;
    }
    res.locals[LOCALS_KEY] = parsed;
    next();
  };
  return Object.assign(middleware, {
    read(res: Response): ValidatedInput<S> {
      const parsed: unknown = res.locals[LOCALS_KEY];
      if (parsed === undefined)
        throw new Error('validate(...).read() called on a request it did not validate');
      return parsed as ValidatedInput<S>;
    },
  });
}

function toInvalidField(part: string, issue: z.core.$ZodIssue): InvalidField {
  const path = [part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
  return { path, code: issue.code, message: issue.message };
}

/** "Invalid request: body.name: Too small…; params.partyId: Invalid UUID" */
function describe(problems: InvalidField[]): string {
  const shown = problems.slice(0, 5).map((p) => `${p.path.join('.')}: ${p.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return `Invalid request: ${shown.join('; ')}${more}`;
}
