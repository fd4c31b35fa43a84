import { Box, Button, Center, Flex, Spinner, Text } from '@chakra-ui/react';
import { Fragment, useMemo } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Role } from '../../api/types';
import { useAppSelector } from '../../app/hooks';
import { ArrowDownIcon } from '../../components/icons';
import { selectCurrentUser } from '../auth/authSlice';
import { MessageItem, PendingMessageItem } from './MessageItem';
import { maxSeq, messagesSelectors } from './messagesAdapter';
import { useGetMessagesQuery } from './messagesApi';
import { HistoryTop } from './pane/HistoryTop';
import { isCompact } from './pane/isCompact';
import { NewMessagesDivider } from './pane/NewMessagesDivider';
import { useHistoryPaging } from './pane/useHistoryPaging';
import { useJumpToUnread } from './pane/useJumpToUnread';
import { useMarkReadOnView } from './pane/useMarkReadOnView';
import { useMessageActions } from './pane/useMessageActions';
import { useNewMessagesLine } from './pane/useNewMessagesLine';
import { useOpenAtFirstUnread } from './pane/useOpenAtFirstUnread';
import { usePaneScroll } from './pane/usePaneScroll';
import { usePendingMessages } from './pane/usePendingMessages';
import { useScrollAnchoring } from './pane/useScrollAnchoring';

interface Props {
  topicId: string;
  topicName: string;
  myRole: Role | undefined;
}

/** One topic's messages: its live window from the cache, my pending sends, and the scroll behaviour. */
export function MessagePane({ topicId, topicName, myRole }: Props) {
  const me = useAppSelector(selectCurrentUser);
  const { data, isLoading, isError, error, refetch } = useGetMessagesQuery(topicId);
  const messages = useMemo(() => (data ? messagesSelectors.selectAll(data) : []), [data]);
  const pending = usePendingMessages(topicId, messages);
  const { onEdit, onDelete } = useMessageActions();

  // Hook order matters below: the two layout effects run in this order in one commit (open at the
  // first unread, then keep pinned to the end), and the line reads the scroll position kept here.
  const scroll = usePaneScroll();
  const line = useNewMessagesLine(topicId, messages, me?.id, scroll.atBottomRef);
  useOpenAtFirstUnread(topicId, data, line, scroll);
  const anchoring = useScrollAnchoring(scroll, messages, pending.count);
  const { paging, pageOnScroll } = useHistoryPaging(topicId, anchoring);
  useMarkReadOnView(topicId, scroll.atBottom && !!data && !data.hasNewer, data ? maxSeq(data) : null);
  const { unreadAbove, jumpToUnread } = useJumpToUnread(topicId, data, messages, line, scroll);

  const onScroll = () => {
    const el = scroll.listRef.current;
    if (!el || !data) return;
    pageOnScroll(el, data, scroll.measure(el));
  };

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
  const myName = me?.displayName ?? 'Me';

  return (
    <Box position="relative" flex="1" minH={0} display="flex" flexDir="column">
      {unreadAbove && !scroll.atBottom && (
        <Flex position="absolute" top="2" left="50%" transform="translateX(-50%)" zIndex={2}>
          <Button size="xs" borderRadius="full" boxShadow="md" onClick={() => void jumpToUnread()}>
            Jump to first unread
          </Button>
        </Flex>
      )}
      <Box
        ref={scroll.listRef}
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
        <HistoryTop hasOlder={data.hasOlder} loading={paging === 'older'} topicName={topicName} />
        {messages.map((m, i) => (
          <Fragment key={m.id}>
            {m === line.target && <NewMessagesDivider />}
            <MessageItem
              message={m}
              compact={m !== line.target && isCompact(messages[i - 1], m)}
              isMine={m.author?.id === me?.id}
              canDelete={m.author?.id === me?.id || canModerate}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          </Fragment>
        ))}
        {!data.hasNewer &&
          pending.unconfirmed.map((o) => (
            <PendingMessageItem
              key={o.nonce}
              message={o}
              name={myName}
              onRetry={pending.retry}
              onDiscard={pending.discard}
            />
          ))}
        {paging === 'newer' && (
          <Center py="3">
            <Spinner size="sm" />
          </Center>
        )}
      </Box>
      {(!scroll.atBottom || data.hasNewer) && (
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
            scroll.jumpToBottom();
          }}
        >
          Jump to present
        </Button>
      )}
    </Box>
  );
}
