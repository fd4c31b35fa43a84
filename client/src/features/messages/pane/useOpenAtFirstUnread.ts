import { useLayoutEffect, useRef } from 'react';

import type { TopicMessages } from '../messagesAdapter';
import type { NewMessagesLine } from './useNewMessagesLine';
import type { PaneScroll } from './usePaneScroll';

/**
 * First paint of a topic: open at the first unread message if there is one, otherwise at the end.
 * A layout effect, and called before useScrollAnchoring, whose pinning runs after it in the same commit.
 */
export function useOpenAtFirstUnread(
  topicId: string,
  window: TopicMessages | undefined,
  line: NewMessagesLine,
  { scrollToBottom, messageElement }: PaneScroll,
): void {
  const positionedFor = useRef<string | null>(null);
  const { ready, target } = line;
  useLayoutEffect(() => {
    if (!window || positionedFor.current === topicId || !ready) return;
    positionedFor.current = topicId;
    const el = target && messageElement(target.seq);
    if (el) el.scrollIntoView({ block: 'center' });
    else scrollToBottom();
  }, [window, topicId, ready, target, scrollToBottom, messageElement]);
}
