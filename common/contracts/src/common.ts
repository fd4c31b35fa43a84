// Shared building blocks for every contract. zod is extended with `.openapi()` here, once, so every area
// imports `z` from this file and its schemas can be turned into the OpenAPI documents.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

import { ErrorCode } from './errors.js';

extendZodWithOpenApi(z);

export { z };

export const Id = z
  .uuid()
  .openapi({ description: 'A UUID', example: '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f' });
export type Id = z.infer<typeof Id>;

export const Timestamp = z.iso
  .datetime({ offset: true })
  .openapi({ description: 'An ISO 8601 date-time', example: '2026-01-01T12:00:00.000Z' });
export type Timestamp = z.infer<typeof Timestamp>;

export const Role = z.enum(['owner', 'admin', 'member']).openapi('Role');
export type Role = z.infer<typeof Role>;

export const PublicUser = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .openapi('PublicUser');
export type PublicUser = z.infer<typeof PublicUser>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      correlationId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('ErrorBody');
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The error half of a socket.io acknowledgement. */
export const AckError = z.object({
  ok: z.literal(false),
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** With RATE_LIMITED and SERVICE.UNAVAILABLE: when to try again (the client retries by itself). */
    retryAfterSeconds: z.number().positive().optional(),
  }),
});
export type AckError = z.infer<typeof AckError>;

/** A socket.io acknowledgement: `{ ok: true, ...payload }` or `{ ok: false, error }`. */
export type AckOk<T extends object = Record<never, never>> = { ok: true } & T;
export type Ack<T extends object = Record<never, never>> = AckOk<T> | AckError;
/** The callback a client passes as the last argument of an emit. */
export type AckCallback<T extends object = Record<never, never>> = (reply: Ack<T>) => void;

/** Builds the zod schema of an ack whose success carries `shape`, for validating replies in tests/clients. */
export const ackSchema = <S extends z.ZodRawShape>(shape: S) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), AckError]);

// index.ts only re-exports the area folders, common.ts and errors.ts; the OpenAPI helpers travel with
// common.ts so services reach them as `@partyline/contracts`.
export * from './openapi.js';
