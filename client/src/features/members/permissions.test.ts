import { describe, expect, it } from 'vitest';

import type { Member, Role } from '../../api/types';
import { canManageParty, memberPermissions } from './membersApi';

const member = (userId: string, role: Role): Member => ({
  userId,
  username: userId,
  displayName: userId,
  avatarUrl: null,
  role,
  joinedAt: '2026-01-01T00:00:00.000Z',
});

describe('what my role lets me do to a member', () => {
  it.each([
    ['owner', 'admin', { canRemove: true, canChangeRole: true }],
    ['owner', 'member', { canRemove: true, canChangeRole: true }],
    ['admin', 'member', { canRemove: true, canChangeRole: false }],
    ['admin', 'admin', { canRemove: false, canChangeRole: false }],
    ['admin', 'owner', { canRemove: false, canChangeRole: false }],
    ['member', 'member', { canRemove: false, canChangeRole: false }],
    ['member', 'owner', { canRemove: false, canChangeRole: false }],
  ] as const)('%s over %s', (mine, theirs, expected) => {
    expect(memberPermissions(mine, 'me', member('them', theirs))).toEqual(expected);
  });

  it('nobody manages themselves from the list', () => {
    expect(memberPermissions('owner', 'me', member('me', 'owner'))).toEqual({
      canRemove: false,
      canChangeRole: false,
    });
  });

  it('admins and owners manage the party, members do not', () => {
    expect(canManageParty('owner')).toBe(true);
    expect(canManageParty('admin')).toBe(true);
    expect(canManageParty('member')).toBe(false);
    expect(canManageParty(undefined)).toBe(false);
  });
});
