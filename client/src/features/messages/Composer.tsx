import { Box, IconButton, Text, Textarea, Tooltip, useDisclosure } from '@chakra-ui/react';
import { MESSAGE_BODY_MAX } from '@partyline/contracts/limits';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react';

import type { Attachment } from '../../api/types';
import { useAppDispatch } from '../../app/hooks';
import { SendIcon, SmileIcon } from '../../components/icons';
import { FileDropZone } from '../attachments/FileDropZone';
import { PaperclipIcon } from '../../components/icons';
import { UploadChips } from '../attachments/UploadChips';
import { addFiles, canRetry, removeUpload, retryUpload, takeReady, useUploads } from '../attachments/uploads';
import { EmojiPopover } from '../emoji/EmojiPopover';
import {
  completeShortcodeAt,
  hasShortcodeCandidate,
  loadShortcodes,
  replaceShortcodes,
  shortcodesNow,
} from '../emoji/shortcodes';
import { useMentionAutocomplete } from '../mentions/useMentionAutocomplete';
import { ReplyBar } from '../replies/ReplyBar';
import { setReplyTarget, useReplyTarget } from '../replies/replyTarget';
import { readDraft, saveDraft } from './drafts';

/** The counter shows from here on: close enough to the limit that it matters. */
export const COUNTER_FROM = MESSAGE_BODY_MAX - 500;
const MAX_HEIGHT = 200;

export interface SendOptions {
  /** The message this one answers. */
  replyToId?: string;
  /** Finished uploads sent with it (the ids go to the server; the rest shows the pending row). */
  attachmentIds?: string[];
  attachments?: Attachment[];
}

interface ComposerProps {
  placeholder: string;
  /** `options` only when there is something to say (a reply). */
  onSend: (body: string, options?: SendOptions) => void;
  onTyping?: () => void;
  /** Up arrow in an empty composer: edit my last message. */
  onEditLast?: () => void;
  /**
   * Where the unsent text is kept (per topic), across topic switches and reloads; also the reply's topic
   * and the topic files are uploaded to (no attaching without it).
   */
  draftKey?: string;
  isDisabled?: boolean;
}

/**
 * Enter sends, Shift+Enter starts a new line; IME composition (e.g. Japanese input) never sends. A known
 * `:shortcode:` becomes its emoji when its closing colon is typed (and any left on send); the emoji button
 * opens the picker. While replying, a bar above says to what; Escape cancels the reply. Files come by the
 * paperclip button, by dropping them on the page's main area or by pasting (an image from the clipboard);
 * each shows as a chip while it uploads, and Send waits until none is still uploading.
 */
export function Composer({ placeholder, onSend, onTyping, onEditLast, draftKey, isDisabled }: ComposerProps) {
  const [body, setBody] = useState(() => (draftKey ? readDraft(draftKey) : ''));
  const ref = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes after the text was rewritten (a shortcode replaced, an emoji inserted). */
  const caret = useRef<number | null>(null);
  /** A send that waits for the shortcode table; later sends queue behind it, so the order holds. */
  const waiting = useRef<Promise<void> | null>(null);
  const reply = useReplyTarget(draftKey);
  const picker = useDisclosure();
  const dispatch = useAppDispatch();
  const uploads = useUploads(draftKey);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploading = uploads.some((u) => u.status === 'uploading');
  const hasFiles = uploads.some((u) => u.status === 'ready');
  const attach = (files: File[]) => {
    if (draftKey && !isDisabled) addFiles(dispatch, draftKey, files);
  };

  // Grow with the text up to MAX_HEIGHT, also for a draft restored on mount.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
    if (caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [body]);

  // "Reply" on a message: write the answer at once.
  const replyingTo = reply?.messageId;
  useEffect(() => {
    if (replyingTo) ref.current?.focus();
  }, [replyingTo]);

  const change = (value: string) => {
    setBody(value);
    if (draftKey) saveDraft(draftKey, value);
  };
  const mentions = useMentionAutocomplete({ inputRef: ref, value: body, onChange: change });

  const onChange = (e: ChangeEvent<HTMLTextAreaElement>) => {
    let value = e.target.value;
    const at = e.target.selectionStart;
    // Typing a colon starts loading the table; the closing colon of a known code replaces it.
    if (value.includes(':')) {
      const codes = shortcodesNow();
      const done = codes && at > 0 && value[at - 1] === ':' ? completeShortcodeAt(value, at, codes) : null;
      if (done) {
        value = done.text;
        caret.current = done.caret;
      }
    }
    change(value);
    if (value) onTyping?.();
  };

  const submit = () => {
    if (uploading || (body.trim().length === 0 && !hasFiles) || body.length > MESSAGE_BODY_MAX) return;
    const replyToId = reply?.messageId;
    const attachments = draftKey ? takeReady(draftKey) : [];
    const options: SendOptions = {
      ...(replyToId ? { replyToId } : {}),
      ...(attachments.length > 0 ? { attachments, attachmentIds: attachments.map((a) => a.id) } : {}),
    };
    const send = (out: string) => (Object.keys(options).length > 0 ? onSend(out, options) : onSend(out));
    const text = mentions.toStored(body);
    const codes = shortcodesNow();
    if (!waiting.current && (codes || !hasShortcodeCandidate(text))) {
      send(codes ? replaceShortcodes(text, codes) : text);
    } else {
      const run = (waiting.current ?? Promise.resolve())
        .then(() => loadShortcodes())
        .then(
          (loaded) => replaceShortcodes(text, loaded),
          () => text,
        )
        .then(send);
      waiting.current = run;
      void run.finally(() => {
        if (waiting.current === run) waiting.current = null;
      });
    }
    if (draftKey) setReplyTarget(draftKey, null);
    change('');
    ref.current?.focus();
  };

  const insertEmoji = (emoji: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? start;
    caret.current = start + emoji.length;
    change(body.slice(0, start) + emoji + body.slice(end));
    el?.focus();
  };

  // An image copied to the clipboard (a screenshot) or files copied in a file manager.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData?.files ?? []);
    if (files.length === 0 || !draftKey) return;
    e.preventDefault();
    attach(files);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || mentions.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' && body === '' && onEditLast && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      onEditLast();
    } else if (e.key === 'Escape' && reply && draftKey) {
      e.preventDefault();
      setReplyTarget(draftKey, null);
    }
  };

  const tooLong = body.length > MESSAGE_BODY_MAX;
  const showCounter = body.length >= COUNTER_FROM;
  const canSend = !isDisabled && !uploading && !tooLong && (body.trim().length > 0 || hasFiles);
  return (
    // The mention suggestions open above all of it, so the reply bar and the files being sent stay in view.
    <Box position="relative">
      {mentions.popup}
      {reply && draftKey && <ReplyBar target={reply} onCancel={() => setReplyTarget(draftKey, null)} />}
      {draftKey && (
        <>
          <UploadChips
            uploads={uploads}
            onRemove={(localId) => removeUpload(dispatch, draftKey, localId)}
            onRetry={(localId) => retryUpload(dispatch, draftKey, localId)}
            canRetry={canRetry}
          />
          <FileDropZone anchor={ref} onFiles={attach} isDisabled={isDisabled} />
        </>
      )}
      <Box position="relative">
        <Textarea
          ref={ref}
          {...mentions.inputProps}
          id="composer"
          value={body}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={placeholder}
          aria-label="Message"
          aria-describedby={showCounter ? 'composer-counter' : undefined}
          aria-keyshortcuts={onEditLast ? 'ArrowUp' : undefined}
          isDisabled={isDisabled}
          isInvalid={tooLong}
          rows={1}
          resize="none"
          minH="44px"
          maxH={`${MAX_HEIGHT}px`}
          pr="20"
          // Room for the paperclip button on the left.
          pl={draftKey ? '44px' : undefined}
          py="2.5"
          borderRadius="lg"
          bg="bg.sidebar"
          focusBorderColor="brand.400"
        />
        {draftKey && (
          <>
            <Tooltip label="Attach files" openDelay={400}>
              <IconButton
                aria-label="Attach files"
                icon={<PaperclipIcon />}
                size="sm"
                variant="ghost"
                position="absolute"
                left="1.5"
                bottom="1.5"
                zIndex={1}
                isDisabled={isDisabled}
                onClick={() => fileInput.current?.click()}
                data-testid="attach-button"
              />
            </Tooltip>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="attach-input"
              onChange={(e) => {
                attach(Array.from(e.target.files ?? []));
                // The same file can be picked again after removing it.
                e.target.value = '';
                // On to writing the message (and the button's tooltip does not reopen on the focus).
                ref.current?.focus();
              }}
            />
          </>
        )}
        {showCounter && (
          <Text
            id="composer-counter"
            position="absolute"
            right="20"
            bottom="-5"
            fontSize="xs"
            fontWeight={tooLong ? 'bold' : 'normal'}
            color={tooLong ? 'fg.danger' : 'fg.muted'}
            aria-live="polite"
            data-testid="composer-counter"
          >
            {tooLong
              ? `${(body.length - MESSAGE_BODY_MAX).toLocaleString()} characters too long`
              : `${(MESSAGE_BODY_MAX - body.length).toLocaleString()} characters left`}
          </Text>
        )}
        <EmojiPopover
          isOpen={picker.isOpen}
          onOpen={picker.onOpen}
          onClose={picker.onClose}
          onSelect={insertEmoji}
          label="Emoji picker"
          returnFocus={false}
        >
          <IconButton
            aria-label="Add emoji"
            icon={<SmileIcon />}
            size="sm"
            variant="ghost"
            position="absolute"
            right="10"
            bottom="1.5"
            zIndex={1}
            isDisabled={isDisabled}
            data-testid="emoji-button"
          />
        </EmojiPopover>
        <Tooltip label={uploading ? 'Waiting for the uploads to finish' : 'Send (Enter)'} openDelay={400}>
          <IconButton
            aria-label="Send message"
            icon={<SendIcon />}
            size="sm"
            variant="ghost"
            position="absolute"
            right="2"
            bottom="1.5"
            zIndex={1}
            isDisabled={!canSend}
            onClick={submit}
          />
        </Tooltip>
      </Box>
    </Box>
  );
}
