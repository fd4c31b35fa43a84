import { useEffect, useMemo, useState, type MutableRefObject } from 'react';

import type { Message } from '../../../api/types';
import { useGetUnreadQuery } from '../../unread/unreadApi';
import { firstUnreadSeq } from '../../unread/unreadLogic';

export interface NewMessagesLine {
  /** True once the line's place is known for this topic (the unread counts have loaded). */
  ready: boolean;
  /** Where unread starts, or null when everything was read. */
  seq: number | null;
  /** The first loaded message from someone else at or after `seq`: the line is drawn before it. */
  target: Message | undefined;
}

/**
 * The "new messages" line: where unread started when I opened the topic, kept while I read on (reading
 * does not move it). It is taken once per topic, from the unread counts as they were on opening.
 */
export function useNewMessagesLine(
  topicId: string,
  messages: Message[],
  meId: string | undefined,
  atBottomRef: MutableRefObject<boolean>,
): NewMessagesLine {
  const { data: unread } = useGetUnreadQuery();
  const unreadEntry = unread?.[topicId];
  const [divider, setDivider] = useState<{ topicId: string; seq: number | null } | null>(null);
  useEffect(() => {
    if (unread && divider?.topicId !== topicId) setDivider({ topicId, seq: firstUnreadSeq(unreadEntry) });
  }, [unread, unreadEntry, divider, topicId]);

  const seq = divider?.topicId === topicId ? divider.seq : null;
  const target = useMemo(
    () => (seq === null ? undefined : messages.find((m) => m.seq >= seq && m.author?.id !== meId)),
    [messages, seq, meId],
  );

  // A message from someone else arrives while I am reading higher up: start the line there.
  const newestMessage = messages[messages.length - 1];
  useEffect(() => {
    if (!newestMessage || atBottomRef.current || newestMessage.author?.id === meId) return;
    setDivider((d) =>
      d && d.topicId === topicId && d.seq === null ? { topicId, seq: newestMessage.seq } : d,
    );
  }, [newestMessage, meId, topicId, atBottomRef]);

  return { ready: divider?.topicId === topicId, seq, target };
}
