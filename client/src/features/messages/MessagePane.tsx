import { Box, Button, Center, Flex, Spinner, Text } from '@chakra-ui/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Role } from '../../api/types';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ArrowDownIcon } from '../../components/icons';
import { selectCurrentUser } from '../auth/authSlice';
import { requestEdit } from './editRequests';
import { loadLatest } from './historyThunks';
import { messagesSelectors } from './messagesAdapter';
import { useGetMessagesQuery } from './messagesApi';
import { useEditLastRequest } from './pane/editLastRequests';
import { MessageList, type Row } from './pane/MessageList';
import { rowFacts } from './pane/rowFacts';
import { useHistoryPaging } from './pane/useHistoryPaging';
import { useMessageTarget } from './pane/useJumpToMessage';
import { useJumpToUnread } from './pane/useJumpToUnread';
import { useMessageActions } from './pane/useMessageActions';
import { useNewMessagesLine } from './pane/useNewMessagesLine';
import { useOpenAtFirstUnread } from './pane/useOpenAtFirstUnread';
import { usePaneScroll } from './pane/usePaneScroll';
import { usePendingMessages } from './pane/usePendingMessages';
import { whenShown } from '../../components/whenShown';
import { useRovingFocus } from './pane/useRovingFocus';
import { useSeenMessages } from './pane/useSeenMessages';
import type { Welcome } from './pane/HistoryTop';

interface Props {
  topicId: string;
  topicName: string;
  myRole: Role | undefined;
  /** The history's first words instead of the topic's welcome (a direct conversation has its own). */
  welcome?: Welcome;
}

/** One topic's messages: its live window from the cache, my pending sends, and where the view is. */
export function MessagePane({ topicId, topicName, myRole, welcome }: Props) {
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectCurrentUser);
  const { data, isLoading, isError, error, refetch } = useGetMessagesQuery(topicId);
  const messages = useMemo(() => (data ? messagesSelectors.selectAll(data) : []), [data]);
  const pending = usePendingMessages(topicId, messages);
  const { onEdit, onDelete } = useMessageActions();

  const scroll = usePaneScroll();
  const line = useNewMessagesLine(topicId, messages, me?.id, scroll.atBottomRef, !!data?.hasOlder);
  const opening = useOpenAtFirstUnread(topicId, data, line);
  const { paging, onTopReached, onEndReached } = useHistoryPaging(topicId, data);
  const seen = useSeenMessages(topicId, scroll.scroller, scroll.atBottom && !!data && !data.hasNewer);

  // Message rows come first, in seq order (pending sends follow), so a message's row index is its index.
  const seqs = useMemo(() => messages.map((m) => m.seq), [messages]);
  const seqsRef = useRef(seqs);
  seqsRef.current = seqs;
  const indexOfSeq = useCallback((seq: number) => {
    const list = seqsRef.current;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? lo : -1;
  }, []);
  const highlight = useMessageTarget(topicId, data, opening.ready, indexOfSeq, scroll.listRef);

  const rows = useMemo((): Row[] => {
    const list: Row[] = messages.map((m, i) => {
      const { newDay, compact } = rowFacts(messages[i - 1], m);
      const divider = m === line.target;
      return {
        kind: 'message',
        message: m,
        newDay,
        divider,
        compact: compact && !divider,
        highlight: m.seq === highlight,
      };
    });
    if (!data?.hasNewer) for (const o of pending.unconfirmed) list.push({ kind: 'pending', outgoing: o });
    return list;
  }, [messages, line.target, pending.unconfirmed, data?.hasNewer, highlight]);

  const visibleRef = useRef(seen.visible);
  visibleRef.current = seen.visible;
  const roving = useRovingFocus({
    listRef: scroll.listRef,
    seqsRef,
    indexOfSeq,
    // Entering the list with Tab: the newest message on screen (Discord's choice), else the newest loaded.
    defaultSeq: useCallback(
      () => visibleRef.current?.last ?? seqsRef.current[seqsRef.current.length - 1] ?? null,
      [],
    ),
  });

  // Up arrow in the empty composer: my newest loaded message, scrolled into view and shown first. Asked
  // while the history is still loading (right after a reload), it waits for it.
  const editLastPending = useRef(false);
  const editLast = useCallback(() => {
    editLastPending.current = false;
    const mine = [...messages].reverse().find((m) => m.author?.id === me?.id && m.deletedAt === null);
    if (!mine) return;
    const find = () =>
      roving.container.current?.querySelector<HTMLElement>(`[data-message-id="${mine.id}"]`) ?? null;
    const ask = () => whenShown(find, () => requestEdit(mine.id));
    scroll.listRef.current?.scrollIntoView({ index: indexOfSeq(mine.seq), behavior: 'auto', done: ask });
    if (find()) ask();
  }, [messages, me?.id, roving.container, scroll.listRef, indexOfSeq]);
  const listShown = !!data && opening.ready;
  useEditLastRequest(topicId, () => {
    if (listShown) editLast();
    else editLastPending.current = true;
  });
  useEffect(() => {
    if (listShown && editLastPending.current) editLast();
  }, [listShown, editLast]);
  const { unreadAbove, jumpToUnread } = useJumpToUnread(
    topicId,
    data,
    line,
    seen.visible,
    indexOfSeq,
    scroll.listRef,
  );

  const context = useMemo(
    () => ({
      hasOlder: !!data?.hasOlder,
      hasNewer: !!data?.hasNewer,
      loadingOlder: paging === 'older',
      loadingNewer: paging === 'newer',
      topicName,
      welcome,
    }),
    [data?.hasOlder, data?.hasNewer, paging, topicName, welcome],
  );

  if (isLoading || (data && !opening.ready)) {
    return (
      <Center flex="1">
        <Spinner color="brand.500" label="Loading messages" />
      </Center>
    );
  }
  if (isError || !data) {
    return (
      <Center flex="1" flexDir="column" gap="3">
        <Text color="fg.muted">{errorMessage(error, 'Could not load messages.')}</Text>
        <Button size="sm" onClick={() => refetch()}>
          Try again
        </Button>
      </Center>
    );
  }

  const jumpToPresent = () => {
    if (data.hasNewer) void dispatch(loadLatest(topicId)).catch(() => undefined);
    else scroll.listRef.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  };

  return (
    <Box position="relative" flex="1" minH={0} display="flex" flexDir="column">
      {unreadAbove && (
        <Flex position="absolute" top="2" left="50%" transform="translateX(-50%)" zIndex={2}>
          <Button size="xs" borderRadius="full" boxShadow="md" onClick={() => void jumpToUnread()}>
            Jump to first unread
          </Button>
        </Flex>
      )}
      <MessageList
        // A replaced window (a jump) starts the list over at its anchor.
        key={data.generation}
        rows={rows}
        openSeq={opening.openSeq}
        scroll={scroll}
        context={context}
        observe={seen.observe}
        meId={me?.id}
        canModerate={myRole === 'owner' || myRole === 'admin'}
        myName={me?.displayName ?? 'Me'}
        onEdit={onEdit}
        onDelete={onDelete}
        onRetry={pending.retry}
        onDiscard={pending.discard}
        onTopReached={onTopReached}
        onEndReached={onEndReached}
        roving={roving}
      />
      {(!scroll.atBottom || data.hasNewer) && (
        <Button
          position="absolute"
          bottom="3"
          right="5"
          size="sm"
          borderRadius="full"
          boxShadow="lg"
          leftIcon={<ArrowDownIcon />}
          onClick={jumpToPresent}
        >
          Jump to present
        </Button>
      )}
    </Box>
  );
}
