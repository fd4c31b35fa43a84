// What a membership change pushes after commit, shared by members, bans and the users copy: the members'
// new states (or the leaver), then the party's new summary (member count, owner). A direct conversation
// has no summary to push: `party:*` events are about parties only, and clients list conversations apart.
import type { PartiesRepository } from '../parties/parties.repository.js';
import type { Push } from '../shared/notifier.js';
import type { MembersRepository } from './members.repository.js';

export async function memberUpdatedPushes(
  repos: { members: Pick<MembersRepository, 'find'>; parties: Pick<PartiesRepository, 'find'> },
  partyId: string,
  userIds: string[],
): Promise<Push[]> {
  const pushes: Push[] = [];
  for (const userId of userIds) {
    const member = await repos.members.find(partyId, userId);
    if (member) pushes.push((n) => n.memberUpdated(member));
  }
  const party = await repos.parties.find(partyId);
  if (party?.kind === 'party') pushes.push((n) => n.partyUpdated(party));
  return pushes;
}

export async function memberLeftPushes(
  parties: Pick<PartiesRepository, 'find'>,
  partyId: string,
  userId: string,
): Promise<Push[]> {
  const party = await parties.find(partyId);
  const pushes: Push[] = [(n) => n.memberLeft({ partyId, userId })];
  if (party?.kind === 'party') pushes.push((n) => n.partyUpdated(party));
  return pushes;
}
