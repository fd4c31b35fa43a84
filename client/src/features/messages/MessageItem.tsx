import {
  Avatar,
  Badge,
  Box,
  Button,
  HStack,
  Menu,
  MenuButton,
  MenuItem,
  Portal,
  Text,
  Textarea,
  Tooltip,
  useDisclosure,
  useToast,
} from '@chakra-ui/react';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';

import type { Message } from '../../api/types';
import { useAppSelector } from '../../app/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MenuList } from '../../components/MenuList';
import { whenShown } from '../../components/whenShown';
import { MoreGlyph } from '../../components/icons';
import { MessageAttachments, PendingAttachments } from '../attachments/MessageAttachments';
import { EmojiPopover } from '../emoji/EmojiPopover';
import { AuthorAvatar, AuthorName } from '../profile/AuthorProfile';
import { useLiveAuthor } from '../profile/liveUsers';
import { useOpenProfileCard } from '../profile/ProfileCardHost';
import { ReactionBar, useToggleReaction } from '../reactions/ReactionBar';
import { excerptOf, setReplyTarget } from '../replies/replyTarget';
import { ReplyQuote } from '../replies/ReplyQuote';
import { EditHistoryModal } from './EditHistoryModal';
import { useEditRequest } from './editRequests';
import { MessageText } from './MessageText';
import type { OutgoingMessage } from './outboxSlice';
import { useLongPress } from './useLongPress';

// One formatter for every row: toLocaleTimeString builds a new one per call, the top cost of scrolling history.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const formatTime = (iso: string) => timeFormat.format(new Date(iso));
const formatFull = (iso: string) => new Date(iso).toLocaleString();

interface ItemProps {
  message: Message;
  /** Same author as the message above, shortly before: show the body only. */
  compact: boolean;
  isMine: boolean;
  canDelete: boolean;
  onEdit: (message: Message, body: string) => Promise<void>;
  /** Called once the user has confirmed in the dialog. */
  onDelete: (message: Message) => void;
}

/** Runs `fn` in the frame after the next one: after work that other code queued for the next frame. */
const afterNextFrame = (fn: () => void) => requestAnimationFrame(() => requestAnimationFrame(fn));
export const MessageItem = memo(function MessageItem({
  message,
  compact,
  isMine,
  canDelete,
  onEdit,
  onDelete,
}: ItemProps) {
  const [editing, setEditing] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  // Focus the editor once it is on screen: autoFocus alone loses to the composer that asked for the edit
  // (Up arrow) and to the virtualized list re-measuring the row in the same frame.
  useEffect(() => {
    if (!editing) return;
    const frame = requestAnimationFrame(() => editor.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [editing]);
  const [draft, setDraft] = useState(message.body);
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<'delete' | 'history' | null>(null);
  const menu = useDisclosure();
  const reactPicker = useDisclosure();
  const toggleReaction = useToggleReaction();
  const toast = useToast();
  const meId = useAppSelector((s) => s.auth.user?.id);
  const deleted = message.deletedAt !== null;
  // The author's live name and avatar (the party's member list), not only the copy loaded with the message.
  const author = useLiveAuthor(message.partyId, message.author);
  // The author's card from the menu: the list is one tab stop, so the keyboard reaches it from here.
  const openProfileCard = useOpenProfileCard();
  const row = useRef<HTMLElement>(null);
  const viewProfile = () => {
    const anchor = row.current?.querySelector<HTMLElement>('[data-testid="author-name"]') ?? row.current;
    if (author && anchor)
      afterNextFrame(() =>
        openProfileCard({ partyId: message.partyId, userId: author.id, fallback: author, anchor }),
      );
  };
  const name = author?.displayName ?? 'Deleted user';
  // A message that mentions me (by id, or everyone/here) stands out, as in every chat app.
  const { mentions } = message;
  const mentionsMe =
    !deleted &&
    !isMine &&
    !!mentions &&
    (mentions.everyone || mentions.here || (!!meId && mentions.userIds.includes(meId)));
  const startReply = () =>
    setReplyTarget(message.topicId, {
      messageId: message.id,
      seq: message.seq,
      authorName: name,
      excerpt: excerptOf(message.body),
    });
  const startEditing = () => {
    setDraft(message.body);
    setEditing(true);
  };
  useEditRequest(message.id, () => {
    if (isMine && !deleted) startEditing();
  });
  // The actions (menu, reaction picker) are mounted the first time the row is pointed at, touched or
  // focused: a Chakra Menu and Popover per row are most of a row's render cost, and a page of history
  // renders 50 rows at once. Until then a plain button of the same look stands in for the menu's.
  const [actionsMounted, setActionsMounted] = useState(false);
  const mountActions = () => {
    if (!actionsMounted) setActionsMounted(true);
  };
  // Focus on the stand-in button moves to the real one when it replaces it, unless the focus has gone
  // elsewhere meanwhile (Shift+Tab into the list lands on the last row's button, and the list's roving
  // focus moves it on to its active message at once: that must not be taken back).
  const actionsButton = useRef<HTMLButtonElement>(null);
  const focusActions = useRef(false);
  useEffect(() => {
    if (!actionsMounted || !focusActions.current) return;
    focusActions.current = false;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) actionsButton.current?.focus();
  }, [actionsMounted]);
  // Chakra focuses an opened menu once, a frame after it renders; on a busy machine the list can still be
  // hidden then (its opening animation not started), the focus is refused, and Chakra does not try again:
  // the keyboard would be stuck on the row under an open menu. So the list takes the focus once shown,
  // unless it has it already or the focus has left this message meanwhile.
  const menuList = useRef<HTMLDivElement>(null);
  const openMenu = () => {
    mountActions();
    menu.onOpen();
    whenShown(
      () => menuList.current,
      (list) => {
        const active = document.activeElement;
        const here = !active || active === document.body || !!row.current?.contains(active);
        if (here && !list.contains(active)) list.focus({ preventScroll: true });
      },
    );
  };
  // Touch has no hover: a long press opens the same menu as the ⋯ button (and the context-menu key).
  const longPress = useLongPress(openMenu);
  const copy = () =>
    navigator.clipboard?.writeText(message.body).then(
      () => toast({ status: 'success', title: 'Message copied', duration: 1500 }),
      () => toast({ status: 'error', title: 'Could not copy the message' }),
    );

  const save = async () => {
    if (!draft.trim() || draft === message.body) return setEditing(false);
    setSaving(true);
    try {
      await onEdit(message, draft);
      setEditing(false);
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      setEditing(false);
    }
  };

  return (
    <article
      ref={row}
      className="pl-msg"
      data-group
      data-compact={compact || undefined}
      data-testid="message"
      data-seq={message.seq}
      data-message-id={message.id}
      data-mine={isMine || undefined}
      data-deleted={deleted || undefined}
      data-mentions-me={mentionsMe || undefined}
      aria-label={`${name} at ${formatTime(message.createdAt)}`}
      // Read with the name and time when the row takes focus (the list's roving focus, Up/Down).
      aria-describedby={editing ? undefined : `message-body-${message.id}`}
      // The seq is the row's stable place in the topic (the total is unknown: the list is windowed).
      aria-posinset={message.seq}
      aria-setsize={-1}
      // Focusable by the list's arrow keys, never a tab stop of its own: the list is one.
      tabIndex={-1}
      {...(deleted || editing ? {} : longPress)}
      onPointerEnter={mountActions}
      onFocus={mountActions}
      onPointerDownCapture={mountActions}
      onKeyDown={(e: KeyboardEvent<HTMLElement>) => {
        // The context-menu key, Shift+F10, or Enter on the focused message itself opens its menu.
        if (deleted || editing) return;
        const onRow = e.target === e.currentTarget;
        // Escape before the open menu has taken the focus (it does a frame later) closes the menu, and the
        // focus stays here: the list's Escape would send it on to the composer.
        if (e.key === 'Escape' && menu.isOpen) {
          e.preventDefault();
          menu.onClose();
          return;
        }
        if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey) || (e.key === 'Enter' && onRow)) {
          e.preventDefault();
          openMenu();
        }
      }}
    >
      {compact ? (
        <span className="pl-msg-gutter">
          <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        </span>
      ) : (
        <AuthorAvatar partyId={message.partyId} author={author} name={name} />
      )}
      <div className="pl-msg-main">
        {!compact && (
          <div className="pl-msg-head">
            <AuthorName partyId={message.partyId} author={author} name={name} />
            {/* The full date on hover; the tooltip is mounted with the row's actions (on first hover). */}
            {actionsMounted ? (
              <Tooltip label={formatFull(message.createdAt)} openDelay={500}>
                <time className="pl-msg-time" dateTime={message.createdAt}>
                  {formatTime(message.createdAt)}
                </time>
              </Tooltip>
            ) : (
              <time className="pl-msg-time" dateTime={message.createdAt}>
                {formatTime(message.createdAt)}
              </time>
            )}
          </div>
        )}
        {message.replyTo && <ReplyQuote reply={message.replyTo} message={message} />}
        {deleted ? (
          <p className="pl-msg-deleted">This message was deleted.</p>
        ) : editing ? (
          <Box mt="1">
            <Textarea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKeyDown}
              aria-label="Edit message"
              ref={editor}
              size="sm"
              autoFocus
              rows={2}
            />
            <HStack mt="1" spacing="2">
              <Button size="xs" onClick={() => void save()} isLoading={saving}>
                Save
              </Button>
              <Button size="xs" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
              <Text fontSize="xs" color="fg.subtle">
                Enter to save · Esc to cancel
              </Text>
            </HStack>
          </Box>
        ) : (
          <div className="pl-msg-body" data-testid="message-body" id={`message-body-${message.id}`}>
            <MessageText body={message.body} partyId={message.partyId}>
              {message.editedAt && (
                <Button
                  variant="link"
                  size="xs"
                  fontSize="2xs"
                  fontWeight="normal"
                  color="fg.subtle"
                  ml="1"
                  verticalAlign="baseline"
                  onClick={() => setDialog('history')}
                  aria-label="Edited: show the edit history"
                >
                  (edited)
                </Button>
              )}
            </MessageText>
          </div>
        )}
        <MessageAttachments message={message} />
        {!deleted && message.reactions.length > 0 && <ReactionBar message={message} meId={meId} />}
      </div>
      {!deleted && !editing && !actionsMounted && (
        // A plain button until the row is first hovered or focused (then the menu's, same look): a Chakra
        // IconButton on every row was a good part of the cost of rendering a page of history.
        <div className="pl-msg-actions">
          <button
            type="button"
            className="pl-msg-actions-btn"
            aria-label="Message actions"
            data-testid="message-actions"
            onClick={openMenu}
            onFocus={() => {
              focusActions.current = true;
            }}
          >
            <MoreGlyph />
          </button>
        </div>
      )}
      {!deleted && !editing && actionsMounted && (
        <EmojiPopover
          anchor
          isOpen={reactPicker.isOpen}
          onClose={reactPicker.onClose}
          onSelect={(emoji) => toggleReaction(message, emoji, true)}
          label="Pick a reaction"
          placement="bottom-end"
        >
          <div className="pl-msg-actions" data-open={menu.isOpen || undefined}>
            <Menu
              isLazy
              placement="bottom-end"
              isOpen={menu.isOpen}
              onOpen={menu.onOpen}
              onClose={menu.onClose}
            >
              <MenuButton
                ref={actionsButton}
                className="pl-msg-actions-btn"
                aria-label="Message actions"
                data-testid="message-actions"
              >
                <MoreGlyph />
              </MenuButton>
              <Portal>
                <MenuList ref={menuList} fontSize="sm" data-testid="message-menu">
                  <MenuItem onClick={startReply}>Reply</MenuItem>
                  {author && <MenuItem onClick={viewProfile}>View profile</MenuItem>}
                  {/* After the menu has closed and given focus back to its button (Chakra does that in an
                      animation frame after the close renders), so the picker's search keeps the focus: a
                      plain setTimeout(0) could run first and lose it, the typing going to the button. */}
                  <MenuItem onClick={() => afterNextFrame(reactPicker.onOpen)}>Add reaction</MenuItem>
                  {isMine && <MenuItem onClick={startEditing}>Edit message</MenuItem>}
                  <MenuItem onClick={() => void copy()}>Copy text</MenuItem>
                  {message.editedAt && (
                    <MenuItem onClick={() => setDialog('history')}>View edit history</MenuItem>
                  )}
                  {canDelete && (
                    <MenuItem color="fg.danger" onClick={() => setDialog('delete')}>
                      Delete message
                    </MenuItem>
                  )}
                </MenuList>
              </Portal>
            </Menu>
          </div>
        </EmojiPopover>
      )}
      {dialog === 'history' && <EditHistoryModal message={message} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          isOpen
          onClose={() => setDialog(null)}
          title="Delete message"
          confirmLabel="Delete"
          onConfirm={async () => onDelete(message)}
        >
          Delete this message? This cannot be undone.
        </ConfirmDialog>
      )}
    </article>
  );
});

interface PendingProps {
  message: OutgoingMessage;
  name: string;
  onRetry: (nonce: string) => void;
  onDiscard: (nonce: string) => void;
}

/** My message before the server has it: faded while pending, with Retry (same nonce) when it failed. */
export function PendingMessageItem({ message, name, onRetry, onDiscard }: PendingProps) {
  const failed = message.status === 'failed';
  return (
    <HStack
      as="article"
      align="start"
      spacing="3"
      px="4"
      py="1.5"
      mt="2"
      data-testid="pending-message"
      data-status={message.status}
    >
      <Avatar size="sm" name={name} opacity={0.6} mt="0.5" />
      <Box flex="1" minW={0}>
        <HStack spacing="2" align="baseline">
          <Text fontWeight="semibold" fontSize="sm">
            {name}
          </Text>
          {failed ? (
            <Badge colorScheme="red" variant="subtle">
              Not sent
            </Badge>
          ) : (
            <Text fontSize="xs" color="fg.subtle">
              Sending…
            </Text>
          )}
        </HStack>
        <Box fontSize="sm" opacity={failed ? 0.8 : 0.55}>
          <MessageText body={message.body} />
          {message.attachments && <PendingAttachments attachments={message.attachments} />}
        </Box>
        {failed && (
          <HStack spacing="2" mt="1">
            <Button size="xs" colorScheme="red" variant="outline" onClick={() => onRetry(message.nonce)}>
              Retry
            </Button>
            <Button size="xs" variant="ghost" onClick={() => onDiscard(message.nonce)}>
              Discard
            </Button>
            {message.error && (
              <Text fontSize="xs" color="fg.danger">
                {message.error}
              </Text>
            )}
          </HStack>
        )}
      </Box>
    </HStack>
  );
}
