// Every REST route of the service, by feature; the order is the OpenAPI document's.
import { attachmentRoutes } from '../attachments/attachments.routes.js';
import { banRoutes } from '../bans/bans.routes.js';
import { directRoutes } from '../direct/direct.routes.js';
import { inviteRoutes } from '../invites/invites.routes.js';
import { memberRoutes } from '../members/members.routes.js';
import { messageRoutes } from '../messages/messages.routes.js';
import { notificationRoutes } from '../notifications/notifications.routes.js';
import { partyRoutes } from '../parties/parties.routes.js';
import { reactionRoutes } from '../reactions/reactions.routes.js';
import { readStateRoutes } from '../read-state/read-state.routes.js';
import { topicRoutes } from '../topics/topics.routes.js';
import type { AnyRouteDef } from './route.js';
import type { Services } from './services.js';

export const allRoutes = (services: Services): AnyRouteDef[] => [
  ...partyRoutes(services.parties),
  ...memberRoutes(services.members),
  ...banRoutes(services.bans),
  ...inviteRoutes(services.invites),
  ...topicRoutes(services.topics),
  ...messageRoutes(services.messages),
  ...attachmentRoutes(services.attachments),
  ...reactionRoutes(services.reactions),
  ...readStateRoutes(services.readState),
  ...notificationRoutes(services.notifications),
  ...directRoutes(services.direct),
];
