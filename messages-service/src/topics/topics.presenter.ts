import type { Topic } from '@partyline/contracts';

import type { TopicRecord } from './topics.repository.js';

export const presentTopic = (t: TopicRecord): Topic => ({
  id: t.id,
  partyId: t.partyId,
  name: t.name,
  position: t.position,
  lastSeq: t.lastSeq,
  createdAt: t.createdAt.toISOString(),
});
