// The entry points of `messages.party-events`: one service call per event type. The map is exhaustive,
// so a new party event fails the build until it is handled here.
import type { PartyEvent } from '@partyline/contracts';
import type { EventHandlers } from '@partyline/events';

import type { MembershipService } from './memberships.service.js';

export const partyEventHandlers = (memberships: MembershipService): EventHandlers<PartyEvent> => ({
  PartyCreated: (event) => memberships.partyCreated(event),
  PartyUpdated: (event) => memberships.partyRenamed(event),
  PartyDeleted: (event) => memberships.partyDeleted(event),
  MemberJoined: (event) => memberships.memberJoined(event),
  MemberLeft: (event) => memberships.memberLeft(event),
  MemberRoleChanged: (event) => memberships.roleChanged(event),
  TopicCreated: (event) => memberships.passOver(event),
  TopicUpdated: (event) => memberships.passOver(event),
  TopicDeleted: (event) => memberships.passOver(event),
});
