import {
  Box,
  Button,
  Center,
  Divider,
  Flex,
  Heading,
  HStack,
  Spinner,
  Text,
  useToast,
} from '@chakra-ui/react';
import { createSelector } from '@reduxjs/toolkit';
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Message, Role } from '../../api/types';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { RootState } from '../../app/store';
import { ArrowDownIcon } from '../../components/icons';
import { selectCurrentUser } from '../auth/authSlice';
import { useGetUnreadQuery, useMarkReadMutation } from '../unread/unreadApi';
import { firstUnreadSeq } from '../unread/unreadLogic';
import { viewChanged } from '../unread/viewSlice';
import { MessageItem, PendingMessageItem } from './MessageItem';
import { maxSeq, messagesSelectors } from './messagesAdapter';
import { useDeleteMessageMutation, useEditMessageMutation, useGetMessagesQuery } from './messagesApi';
import { loadAround, loadNewer, loadOlder } from './historyThunks';
import { retrySend } from './sendThunks';
import { selectAllOutgoing, sendDiscarded } from './outboxSlice';

const BOTTOM_SLACK_PX = 48;
const GROUP_WINDOW_MS = 5 * 60_000;

const selectOutgoingFor = createSelector(
  [selectAllOutgoing, (_s: RootState, topicId: string) => topicId],
  (all, topicId) => all.filter((m) => m.topicId === topicId),
);

function isCompact(prev: Message | undefined, m: Message) {
  if (!prev || !prev.author || !m.author || prev.author.id !== m.author.id) return false;
  if (prev.deletedAt || m.deletedAt) return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
}

interface Props {
  topicId: string;
  topicName: string;
  myRole: Role | undefined;
}

export function MessagePane({ topicId, topicName, myRole }: Props) {
  const dispatch = useAppDispatch();
  const toast = useToast();
  const me = useAppSelector(selectCurrentUser);
  const { data, isLoading, isError, error, refetch } = useGetMessagesQuery(topicId);
  const { data: unread } = useGetUnreadQuery();
  const unreadEntry = unread?.[topicId];
  const outgoing = useAppSelector((s) => selectOutgoingFor(s, topicId));
  const [markRead] = useMarkReadMutation();
  const [editMessage] = useEditMessageMutation();
  const [deleteMessage] = useDeleteMessageMutation();

  const messages = useMemo(() => (data ? messagesSelectors.selectAll(data) : []), [data]);
  const newest = data ? maxSeq(data) : null;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottomRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const [paging, setPaging] = useState<'older' | 'newer' | null>(null);
  const restoreRef = useRef<{ height: number; top: number } | null>(null);

  // The "new messages" line: where unread started when I opened the topic (kept while I read on).
  const [divider, setDivider] = useState<{ topicId: string; seq: number | null } | null>(null);
  useEffect(() => {
    if (unread && divider?.topicId !== topicId) setDivider({ topicId, seq: firstUnreadSeq(unreadEntry) });
  }, [unread, unreadEntry, divider, topicId]);
  const dividerSeq = divider?.topicId === topicId ? divider.seq : null;
  const dividerTarget = useMemo(
    () =>
      dividerSeq === null ? undefined : messages.find((m) => m.seq >= dividerSeq && m.author?.id !== me?.id),
    [messages, dividerSeq, me?.id],
  );

  const scrollToBottom = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // First paint of a topic: open at the first unread message if there is one, otherwise at the end.
  const positionedFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!data || positionedFor.current === topicId || divider?.topicId !== topicId) return;
    positionedFor.current = topicId;
    const el = dividerTarget && scrollRef.current?.querySelector(`[data-seq="${dividerTarget.seq}"]`);
    if (el) el.scrollIntoView({ block: 'center' });
    else scrollToBottom();
  }, [data, topicId, divider, dividerTarget, scrollToBottom]);

  // Keep the view pinned to the end while I am there; keep it steady when older pages load above.
  const lastKey = `${messages[messages.length - 1]?.id}:${outgoing.length}`;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (restoreRef.current) {
      el.scrollTop = el.scrollHeight - restoreRef.current.height + restoreRef.current.top;
      restoreRef.current = null;
    } else if (atBottomRef.current) {
      scrollToBottom();
    }
  }, [lastKey, messages.length, scrollToBottom]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el || !data) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    atBottomRef.current = bottom;
    setAtBottom(bottom);
    if (el.scrollTop < 150 && data.hasOlder && !paging) {
      restoreRef.current = { height: el.scrollHeight, top: el.scrollTop };
      setPaging('older');
      dispatch(loadOlder(topicId))
        .catch(() => {
          restoreRef.current = null;
        })
        .finally(() => setPaging(null));
    } else if (bottom && data.hasNewer && !paging) {
      setPaging('newer');
      dispatch(loadNewer(topicId))
        .catch(() => undefined)
        .finally(() => setPaging(null));
    }
  };

  // Tell the rest of the app whether this topic's newest message is on screen (arriving ones are then read).
  const liveAtBottom = atBottom && !!data && !data.hasNewer;
  useEffect(() => {
    dispatch(viewChanged({ topicId, atBottom: liveAtBottom }));
  }, [dispatch, topicId, liveAtBottom]);
  useEffect(() => () => void dispatch(viewChanged({ topicId: null, atBottom: false })), [dispatch]);

  // Mark read on the server while I am at the end of the live window and the page is visible.
  const markedRef = useRef(0);
  useEffect(() => {
    if (!liveAtBottom || newest === null || newest <= markedRef.current) return;
    const t = setTimeout(() => {
      if (document.visibilityState !== 'visible') return;
      markedRef.current = newest;
      markRead({ topicId, seq: newest }).catch(() => undefined);
    }, 150);
    return () => clearTimeout(t);
  }, [liveAtBottom, newest, topicId, markRead]);

  // A message from someone else arrives while I am reading higher up: start the "new messages" line there.
  const newestMessage = messages[messages.length - 1];
  useEffect(() => {
    if (!newestMessage || atBottomRef.current || newestMessage.author?.id === me?.id) return;
    setDivider((d) =>
      d && d.topicId === topicId && d.seq === null ? { topicId, seq: newestMessage.seq } : d,
    );
  }, [newestMessage, me?.id, topicId]);

  const jumpToUnread = async () => {
    if (dividerSeq === null) return;
    const el = dividerTarget && scrollRef.current?.querySelector(`[data-seq="${dividerTarget.seq}"]`);
    if (el) return el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    try {
      await dispatch(loadAround(topicId, dividerSeq));
      requestAnimationFrame(() =>
        scrollRef.current?.querySelector(`[data-seq="${dividerSeq}"]`)?.scrollIntoView({ block: 'center' }),
      );
    } catch (err) {
      toast({ status: 'error', title: errorMessage(err) });
    }
  };

  const onEdit = useCallback(
    async (m: Message, body: string) => {
      try {
        await editMessage({ messageId: m.id, topicId: m.topicId, body }).unwrap();
      } catch (err) {
        toast({ status: 'error', title: 'Could not edit the message', description: errorMessage(err) });
        throw err;
      }
    },
    [editMessage, toast],
  );
  const onDelete = useCallback(
    (m: Message) => {
      if (!window.confirm('Delete this message? This cannot be undone.')) return;
      deleteMessage({ messageId: m.id, topicId: m.topicId })
        .unwrap()
        .catch((err: unknown) =>
          toast({ status: 'error', title: 'Could not delete', description: errorMessage(err) }),
        );
    },
    [deleteMessage, toast],
  );

  if (isLoading) {
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

  const canModerate = myRole === 'owner' || myRole === 'admin';
  const unreadAbove =
    dividerTarget !== undefined ||
    (dividerSeq !== null && data.hasOlder && messages[0] && messages[0].seq > dividerSeq);
  const myName = me?.displayName ?? 'Me';
  const confirmedNonces = new Set(messages.map((m) => m.nonce));

  return (
    <Box position="relative" flex="1" minH={0} display="flex" flexDir="column">
      {unreadAbove && !atBottom && (
        <Flex position="absolute" top="2" left="50%" transform="translateX(-50%)" zIndex={2}>
          <Button size="xs" borderRadius="full" boxShadow="md" onClick={() => void jumpToUnread()}>
            Jump to first unread
          </Button>
        </Flex>
      )}
      <Box
        ref={scrollRef}
        onScroll={onScroll}
        flex="1"
        overflowY="auto"
        overflowX="hidden"
        pb="2"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label={`Messages in ${topicName}`}
        tabIndex={0}
        data-testid="message-list"
      >
        {data.hasOlder ? (
          <Center py="3">
            {paging === 'older' ? (
              <Spinner size="sm" />
            ) : (
              <Text fontSize="xs" color="fg.subtle">
                Scroll up for older messages
              </Text>
            )}
          </Center>
        ) : (
          <Box px="4" pt="8" pb="4">
            <Heading as="h2" size="lg">
              Welcome to #{topicName}
            </Heading>
            <Text color="fg.muted">This is the start of the #{topicName} topic.</Text>
          </Box>
        )}
        {messages.map((m, i) => (
          <Fragment key={m.id}>
            {m === dividerTarget && (
              <HStack
                px="4"
                my="2"
                role="separator"
                aria-label="New messages"
                data-testid="new-messages-divider"
              >
                <Divider borderColor="red.400" />
                <Text fontSize="xs" fontWeight="bold" color="red.400" whiteSpace="nowrap">
                  New messages
                </Text>
              </HStack>
            )}
            <MessageItem
              message={m}
              compact={m !== dividerTarget && isCompact(messages[i - 1], m)}
              isMine={m.author?.id === me?.id}
              canDelete={m.author?.id === me?.id || canModerate}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          </Fragment>
        ))}
        {!data.hasNewer &&
          outgoing
            .filter((o) => !confirmedNonces.has(o.nonce))
            .map((o) => (
              <PendingMessageItem
                key={o.nonce}
                message={o}
                name={myName}
                onRetry={(nonce) => void dispatch(retrySend(nonce))}
                onDiscard={(nonce) => dispatch(sendDiscarded(nonce))}
              />
            ))}
        {paging === 'newer' && (
          <Center py="3">
            <Spinner size="sm" />
          </Center>
        )}
      </Box>
      {(!atBottom || data.hasNewer) && (
        <Button
          position="absolute"
          bottom="3"
          right="5"
          size="sm"
          borderRadius="full"
          boxShadow="lg"
          leftIcon={<ArrowDownIcon />}
          onClick={() => {
            if (data.hasNewer) void refetch();
            atBottomRef.current = true;
            setAtBottom(true);
            scrollToBottom();
          }}
        >
          Jump to present
        </Button>
      )}
    </Box>
  );
}
