import { describe, expect, it } from 'vitest';

import {
  AckError,
  ErrorBody,
  Id,
  PublicUser,
  Role,
  Timestamp,
  ackSchema,
  z,
  type Ack,
} from '../src/common.js';

describe('shared schemas', () => {
  it('when an id is a uuid, then it parses; otherwise it does not', () => {
    expect(Id.safeParse('3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f').success).toBe(true);
    expect(Id.safeParse('42').success).toBe(false);
  });

  it('when a timestamp is ISO 8601 (Z or offset), then it parses; a date alone does not', () => {
    expect(Timestamp.safeParse(new Date().toISOString()).success).toBe(true);
    expect(Timestamp.safeParse('2026-01-01T12:00:00+02:00').success).toBe(true);
    expect(Timestamp.safeParse('2026-01-01').success).toBe(false);
  });

  it('when a role is outside owner/admin/member, then it is rejected', () => {
    expect(Role.options).toEqual(['owner', 'admin', 'member']);
    expect(Role.safeParse('moderator').success).toBe(false);
  });

  it('when a public user has extra fields, then parsing strips them', () => {
    const user = PublicUser.parse({
      id: '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f',
      username: 'ada',
      displayName: 'Ada',
      avatarUrl: null,
      email: 'ada@example.com',
    });

    expect(user).not.toHaveProperty('email');
  });

  it('when an error body carries an unknown code, then it is rejected', () => {
    expect(
      ErrorBody.safeParse({ error: { code: 'PARTY.NOT_FOUND', message: 'No such party' } }).success,
    ).toBe(true);
    expect(ErrorBody.safeParse({ error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
  });

  it('when an ack is checked, then success carries the payload and failure carries a code', () => {
    const SendAck = ackSchema({ messageId: Id });
    const ok: Ack<{ messageId: string }> = { ok: true, messageId: '3f1c2a7e-5b7d-4c7a-9f3e-2b1a0c9d8e7f' };
    const failed: Ack = { ok: false, error: { code: 'TOPIC.NOT_FOUND', message: 'No such topic' } };

    expect(SendAck.parse(ok)).toEqual(ok);
    expect(SendAck.parse(failed)).toEqual(failed);
    expect(AckError.safeParse({ ok: false, error: { code: 'TOPIC.NOT_FOUND' } }).success).toBe(false);
  });

  it('when a schema is defined with the shared z, then it can carry OpenAPI metadata', () => {
    const schema = z.string().openapi({ example: 'x' });

    expect(schema.parse('x')).toBe('x');
  });
});
