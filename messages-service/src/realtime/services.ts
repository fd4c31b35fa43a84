// What the gateway uses of the services. Every call takes the acting user and checks membership itself,
// so a removed member is refused on their very next event.
import type { MessagesService } from '../messages/messages.service.js';
import type { SyncService } from '../messages/sync.service.js';
import type { PartiesService } from '../parties/parties.service.js';
import type { PresenceService } from '../presence/presence.service.js';
import type { ReactionsService } from '../reactions/reactions.service.js';
import type { ReadStateService } from '../read-state/read-state.service.js';
import type { TypingService } from '../typing/typing.service.js';

export interface RealtimeServices {
  messages: Pick<MessagesService, 'send' | 'edit' | 'remove'>;
  sync: Pick<SyncService, 'sync'>;
  readState: Pick<ReadStateService, 'markRead'>;
  presence: Pick<PresenceService, 'listOnline'>;
  typing: Pick<TypingService, 'forConnection'>;
  parties: Pick<PartiesService, 'listMembershipIds'>;
  reactions: Pick<ReactionsService, 'add' | 'remove'>;
}
