// The sync reply per topic: the missed messages (presented like any other) or a gap marker.
import type { SyncTopicResult } from '@partyline/contracts';

import { presentMessage } from './messages.presenter.js';
import type { SyncTopic } from './sync.service.js';

export const presentSyncTopic = (topic: SyncTopic): SyncTopicResult =>
  'gap' in topic
    ? { topicId: topic.topicId, gap: true, latestSeq: topic.latestSeq, lastChange: topic.lastChange }
    : {
        topicId: topic.topicId,
        messages: topic.messages.map(presentMessage),
        changed: topic.changed.map(presentMessage),
        lastChange: topic.lastChange,
      };
