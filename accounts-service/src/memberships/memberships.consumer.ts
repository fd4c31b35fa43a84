// The party-events consumer: parses each message with the contract (unparseable ones go to the DLT) and
// hands it to its handler; offsets are committed only after the handler's effect is stored.
import type { Logger } from 'pino';

import { PartyEvent } from '@partyline/contracts';
import { runConsumer, type EventBusClient } from '@partyline/events';

import { partyEventHandlers } from './memberships.handlers.js';
import type { MembershipService } from './memberships.service.js';

interface MembershipConsumerDeps {
  client: EventBusClient;
  groupId: string;
  topic: string;
  memberships: MembershipService;
  logger: Logger;
  /** Called when the consumer stops for good (main exits so the orchestrator restarts us). */
  onFatal?: (error: unknown) => void;
}

export const startMembershipConsumer = (deps: MembershipConsumerDeps) =>
  runConsumer<PartyEvent>({
    client: deps.client,
    groupId: deps.groupId,
    topic: deps.topic,
    schema: PartyEvent,
    handlers: partyEventHandlers(deps.memberships),
    logger: deps.logger,
    ...(deps.onFatal ? { onFatal: deps.onFatal } : {}),
  });
