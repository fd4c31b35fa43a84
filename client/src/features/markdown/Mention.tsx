import { skipToken } from '@reduxjs/toolkit/query';

import { useGetMembersQuery } from '../members/membersApi';
import type { MentionToken } from './mentions';

/**
 * A mention as a highlighted chip: `<@id>` shows the member's current display name (so it survives
 * renames), `@unknown-user` for someone who is not (or no longer) a member; `@everyone` and `@here` as typed.
 */
export function Mention({
  kind,
  userId,
  partyId,
}: Pick<MentionToken, 'kind' | 'userId'> & { partyId?: string }) {
  const { name, loaded } = useGetMembersQuery(kind === 'user' && partyId ? partyId : skipToken, {
    selectFromResult: ({ data }) => ({
      loaded: data !== undefined,
      name: data?.find((m) => m.userId === userId)?.displayName,
    }),
  });
  const label =
    kind !== 'user' ? `@${kind}` : name ? `@${name}` : loaded || !partyId ? '@unknown-user' : '@…';
  return (
    <span className="md-mention" data-mention={kind} data-user-id={userId}>
      {label}
    </span>
  );
}
