// Roles are ordered: owner > admin > member. Permission checks compare ranks, never names.
import type { Role } from '@partyline/contracts';

const ROLE_RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export const isAtLeast = (role: Role, min: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[min];
