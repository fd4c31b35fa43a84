import type { Message } from '../../api/types';
import type { ReorderWindow } from './reorderWindow';

// The reorder window of each topic whose cache entry is alive (messagesApi opens and closes them), so the
// send ack of my own message waits in the same line as the broadcasts of that topic.
const windows = new Map<string, ReorderWindow<Message>>();

export function openTopicOrder(topicId: string, window: ReorderWindow<Message>): () => void {
  windows.set(topicId, window);
  return () => {
    window.dispose();
    if (windows.get(topicId) === window) windows.delete(topicId);
  };
}

/** A stored message from any path: through the topic's reorder window if it has one, else `otherwise`. */
export function storedMessageArrived(message: Message, otherwise: (message: Message) => void): void {
  const window = windows.get(message.topicId);
  if (window) window.push(message);
  else otherwise(message);
}

/** After a sync or a page changed the window: apply the held messages it now reaches. */
export function drainTopicOrder(topicId: string): void {
  windows.get(topicId)?.drain();
}
