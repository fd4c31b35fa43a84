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
  hasOlder: boolean,
): NewMessagesLine {
  const { data: unread, isError } = useGetUnreadQuery();
  const unreadEntry = unread?.[topicId];
  const [divider, setDivider] = useState<{ topicId: string; seq: number | null } | null>(null);
  useEffect(() => {
    if (unread && divider?.topicId !== topicId) setDivider({ topicId, seq: firstUnreadSeq(unreadEntry) });
  }, [unread, unreadEntry, divider, topicId]);

  const seq = divider?.topicId === topicId ? divider.seq : null;
  // Only in a window that reaches back to the line: one that starts after it (after "Jump to present")
  // does not hold the first unread message, and its first row is not where unread starts.
  const reachesLine = seq !== null && (!hasOlder || (messages[0] !== undefined && messages[0].seq <= seq));
  const target = useMemo(
    () =>
      !reachesLine || seq === null ? undefined : messages.find((m) => m.seq >= seq && m.author?.id !== meId),
    [messages, seq, meId, reachesLine],
  );

  // A message from someone else arrives while I am reading higher up: start the line there.
  const newestMessage = messages[messages.length - 1];
  useEffect(() => {
    if (!newestMessage || atBottomRef.current || newestMessage.author?.id === meId) return;
    setDivider((d) =>
      d && d.topicId === topicId && d.seq === null ? { topicId, seq: newestMessage.seq } : d,
    );
  }, [newestMessage, meId, topicId, atBottomRef]);

  // Without unread counts (the request failed) the topic opens at the end, without a line.
  return { ready: divider?.topicId === topicId || isError, seq, target };
}
