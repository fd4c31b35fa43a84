// A user as every open screen should show them now: the party's member list (kept live by
// `member:updated`, which follows accounts' UserUpdated) wins over the copy a message carried when it
// was loaded, so a new name or avatar reaches old messages without a reload.
import type { Member, PublicUser } from '../../api/types';
import { useAppSelector } from '../../app/hooks';
import { membersApi } from '../members/membersApi';

// One index per members array (they are immutable: a change makes a new array), shared by every row.
const indexes = new WeakMap<Member[], Map<string, Member>>();
function indexOf(members: Member[]): Map<string, Member> {
  let index = indexes.get(members);
  if (!index) indexes.set(members, (index = new Map(members.map((m) => [m.userId, m]))));
  return index;
}

// One selector per party, shared by every row: `select(partyId)` builds a new memoized selector per call,
// and each row's subscription runs on every store update (each message, typing notice, presence change).
const selectors = new Map<string, ReturnType<typeof membersApi.endpoints.getMembers.select>>();
function membersOf(partyId: string) {
  let select = selectors.get(partyId);
  if (!select) selectors.set(partyId, (select = membersApi.endpoints.getMembers.select(partyId)));
  return select;
}

/** The member as the party's loaded member list has them, without asking the server for the list. */
export function useCachedMember(partyId: string, userId: string | undefined): Member | undefined {
  return useAppSelector((state) => {
    if (!userId) return undefined;
    const members = membersOf(partyId)(state).data;
    return members ? indexOf(members).get(userId) : undefined;
  });
}

/** A message's author with the live name and avatar (null stays null: a deleted account). */
export function useLiveAuthor(partyId: string, author: PublicUser | null): PublicUser | null {
  const member = useCachedMember(partyId, author?.id);
  if (!author || !member || member.username === null) return author;
  if (member.displayName === author.displayName && member.avatarUrl === author.avatarUrl) return author;
  return { ...author, displayName: member.displayName, avatarUrl: member.avatarUrl };
}
