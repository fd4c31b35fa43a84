// What the gateway uses of the domain services (messages-service/src/services). Every call takes the acting
// user and checks membership itself, so a removed member is refused on their very next event.
import type { Services } from '../services/index.js';

export interface RealtimeServices {
  messages: Pick<Services['messages'], 'send' | 'edit' | 'remove' | 'sync'>;
  readState: Pick<Services['readState'], 'markRead'>;
  topics: Pick<Services['topics'], 'requireTopic'>;
  members: Pick<Services['members'], 'list'>;
  parties: Pick<Services['parties'], 'listMembershipIds'>;
  users: Pick<Services['users'], 'getPublicUser'>;
}
