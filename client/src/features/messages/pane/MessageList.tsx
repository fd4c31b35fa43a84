import { Box, Center, Spinner } from '@chakra-ui/react';
import { forwardRef, memo, useCallback, useEffect, useMemo, useRef, type HTMLAttributes } from 'react';
import { Virtuoso, type Components, type IndexLocationWithAlign } from 'react-virtuoso';

import type { Message } from '../../../api/types';
import type { RovingFocus } from './useRovingFocus';
import { DateSeparator } from '../DateSeparator';
import { MessageItem, PendingMessageItem } from '../MessageItem';
import type { OutgoingMessage } from '../outboxSlice';
import { HistoryTop, type Welcome } from './HistoryTop';
import { NewMessagesDivider } from './NewMessagesDivider';
import { SeenRow } from './SeenRow';
import { BOTTOM_SLACK_PX, type PaneScroll } from './usePaneScroll';
import { JUMP_CONTEXT_PX } from './useJumpToUnread';

export type Row =
  | {
      kind: 'message';
      message: Message;
      compact: boolean;
      divider: boolean;
      newDay: boolean;
      /** The message just jumped to (a search result, a reply quote): shown highlighted for a moment. */
      highlight: boolean;
    }
  | { kind: 'pending'; outgoing: OutgoingMessage };

/** Virtuoso's index of the first row; it goes down by one for each older message put above. */
const FIRST_INDEX = 1_000_000;

interface Context {
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  topicName: string;
  welcome?: Welcome | undefined;
}

const Header: Components<Row, Context>['Header'] = ({ context }) => (
  <HistoryTop
    hasOlder={context.hasOlder}
    loading={context.loadingOlder}
    topicName={context.topicName}
    welcome={context.welcome}
  />
);
const Footer: Components<Row, Context>['Footer'] = ({ context }) => (
  <Box pb="2">
    {context.loadingNewer && (
      <Center py="3">
        <Spinner size="sm" />
      </Center>
    )}
  </Box>
);
// The rows' own margins would escape Virtuoso's measurement; a block formatting context keeps them in.
const List = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function List(props, ref) {
  return <div {...props} ref={ref} style={{ ...props.style, display: 'flow-root' }} />;
});
const components: Components<Row, Context> = { Header, Footer, List };

interface Props {
  rows: Row[];
  openSeq: number | null;
  scroll: PaneScroll;
  context: Context;
  observe: (el: HTMLElement) => () => void;
  meId: string | undefined;
  canModerate: boolean;
  myName: string;
  onEdit: (m: Message, body: string) => Promise<void>;
  onDelete: (m: Message) => void;
  onRetry: (nonce: string) => void;
  onDiscard: (nonce: string) => void;
  onTopReached: () => void;
  onEndReached: () => void;
  /** Arrow keys between rows; the list is one tab stop. */
  roving: RovingFocus;
}

/**
 * The virtualized message list: only the rows near the view are in the DOM. Opens at `openSeq` (or the
 * end), keeps the view steady when older pages are put above, and follows new messages only while the
 * end is in view (or when the new row is my own send).
 */
export const MessageList = memo(function MessageList(props: Props) {
  const { rows, scroll, context, observe, meId, canModerate, myName } = props;
  const { onEdit, onDelete, onRetry, onDiscard } = props;

  // The first row's seq when this generation mounted; older rows above it lower firstItemIndex.
  const firstMessage = rows.find((r) => r.kind === 'message') as
    Extract<Row, { kind: 'message' }> | undefined;
  const baseSeq = useRef<number | null>(null);
  if (baseSeq.current === null && firstMessage) baseSeq.current = firstMessage.message.seq;
  const firstItemIndex =
    FIRST_INDEX - (firstMessage && baseSeq.current !== null ? baseSeq.current - firstMessage.message.seq : 0);

  const initial = useMemo((): IndexLocationWithAlign & { index: number | 'LAST' } => {
    const at =
      props.openSeq === null
        ? -1
        : rows.findIndex((r) => r.kind === 'message' && r.message.seq >= props.openSeq!);
    return at < 0 ? { index: 'LAST', align: 'end' } : { index: at, align: 'start', offset: JUMP_CONTEXT_PX };
    // Only read on mount: the pane keys this list by the window's generation.
  }, []);

  // Opening at the end: Virtuoso places the last row by estimated heights first; once the rows are
  // measured, make sure the end really is in view.
  const { scroller } = scroll;
  useEffect(() => {
    if (initial.index !== 'LAST' || !scroller) return;
    const settle = () => {
      const gap = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      if (gap > 2) scroller.scrollTop = scroller.scrollHeight;
    };
    const timers = [100, 300, 700].map((ms) => setTimeout(settle, ms));
    return () => timers.forEach(clearTimeout);
  }, [initial, scroller]);

  // Follow new rows at the end of a live window only: a page of newer history loaded at the end of a
  // window that does not reach the present (after a jump) must not carry the view down with it. Passing
  // false (not a function answering false) also stops Virtuoso's own stick-to-bottom on growth.
  // Nor the page that makes it reach the present: a short window opened at a jump target is "at the
  // bottom" at once, and following the page that loads below it scrolled the target out of view. Whether
  // the window was in the past is read as it was before this render's change (the ref moves after it).
  const past = context.hasNewer || context.loadingNewer;
  const wasPast = useRef(past);
  useEffect(() => {
    wasPast.current = past;
  }, [past]);
  const last = rows[rows.length - 1];
  const follow = useCallback(
    (atBottom: boolean) =>
      !wasPast.current && (atBottom || last?.kind === 'pending') ? ('auto' as const) : false,
    [last],
  );
  const followOutput = past ? false : follow;

  const itemContent = useCallback(
    (_index: number, row: Row) => {
      if (row.kind === 'pending') {
        return (
          <PendingMessageItem message={row.outgoing} name={myName} onRetry={onRetry} onDiscard={onDiscard} />
        );
      }
      const m = row.message;
      return (
        <SeenRow seq={m.seq} observe={observe} highlighted={row.highlight}>
          {row.newDay && <DateSeparator date={m.createdAt} />}
          {row.divider && <NewMessagesDivider />}
          <MessageItem
            message={m}
            compact={row.compact}
            isMine={m.author?.id === meId}
            canDelete={m.author?.id === meId || canModerate}
            onEdit={onEdit}
            onDelete={onDelete}
          />
        </SeenRow>
      );
    },
    [observe, meId, canModerate, myName, onEdit, onDelete, onRetry, onDiscard],
  );

  return (
    <Box
      ref={props.roving.container}
      {...props.roving.containerProps}
      flex="1"
      minH={0}
      display="flex"
      flexDir="column"
      // One rule for every row (not a style per row): the jump highlight fades out when it is taken off.
      sx={highlightStyles}
    >
      <Virtuoso<Row, Context>
        ref={scroll.listRef}
        scrollerRef={scroll.setScroller}
        style={{ flex: 1, minHeight: 0 }}
        data={rows}
        context={context}
        components={components}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={initial}
        computeItemKey={(_i, row) =>
          row.kind === 'pending' ? `n:${row.outgoing.nonce}` : rowKey(row.message, meId)
        }
        itemContent={itemContent}
        followOutput={followOutput}
        alignToBottom
        atBottomThreshold={BOTTOM_SLACK_PX}
        atBottomStateChange={scroll.setAtBottom}
        startReached={props.onTopReached}
        endReached={props.onEndReached}
        increaseViewportBy={{ top: 400, bottom: 200 }}
        role="log"
        aria-label={`Messages in ${context.topicName}`}
        tabIndex={0}
        data-testid="message-list"
      />
    </Box>
  );
});

const highlightStyles = {
  '[data-seen-seq]': { transition: 'background-color 1s ease-out' },
  '[data-highlighted]': { bg: 'yellow.100', transition: 'none', _dark: { bg: 'whiteAlpha.200' } },
};

/** My stored message keeps the key of its pending row, so it replaces it in place instead of remounting. */
const rowKey = (m: Message, meId: string | undefined) => (m.author?.id === meId ? `n:${m.nonce}` : m.id);
