import type { Dispatch } from '@reduxjs/toolkit';

import type { Message } from '../../api/types';
import { applyLiveMessage, type ApplyResult, type TopicMessages } from './messagesAdapter';
import { sendConfirmed } from './outboxSlice';
import { syncRequested } from './syncRequested';

/** Changes the cached window of the message's topic (a cache entry's `updateCachedData`, or `updateQueryData`). */
export type UpdateTopicWindow = (recipe: (window: TopicMessages) => void) => void;

/**
 * The server has stored a message, whichever way it reached us (live broadcast, send ack, REST reply), and
 * it is its turn (liveOrder held it while an earlier seq was missing): it joins its topic's window, its
 * pending copy leaves the outbox, and a jump in seq that is still there asks for a sync.
 */
export function messageStored(message: Message, updateWindow: UpdateTopicWindow, dispatch: Dispatch): void {
  // Assigned inside the recipe, which runs synchronously; the cast stops TS from narrowing it to 'ignored'.
  let result = 'ignored' as ApplyResult;
  updateWindow((window) => {
    result = applyLiveMessage(window, message);
  });
  dispatch(sendConfirmed(message.nonce));
  if (result === 'gap') dispatch(syncRequested({ topicIds: [message.topicId] }));
}
