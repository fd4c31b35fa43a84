import { Box, IconButton, Text, Textarea, Tooltip } from '@chakra-ui/react';
import { MESSAGE_BODY_MAX } from '@partyline/contracts/limits';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

import { SendIcon } from '../../components/icons';
import { useMentionAutocomplete } from '../mentions/useMentionAutocomplete';
import { readDraft, saveDraft } from './drafts';

/** The counter shows from here on: close enough to the limit that it matters. */
export const COUNTER_FROM = MESSAGE_BODY_MAX - 500;
const MAX_HEIGHT = 200;

interface ComposerProps {
  placeholder: string;
  onSend: (body: string) => void;
  onTyping?: () => void;
  /** Up arrow in an empty composer: edit my last message. */
  onEditLast?: () => void;
  /** Where the unsent text is kept (per topic), across topic switches and reloads. */
  draftKey?: string;
  isDisabled?: boolean;
}

/** Enter sends, Shift+Enter starts a new line; IME composition (e.g. Japanese input) never sends. */
export function Composer({ placeholder, onSend, onTyping, onEditLast, draftKey, isDisabled }: ComposerProps) {
  const [body, setBody] = useState(() => (draftKey ? readDraft(draftKey) : ''));
  const ref = useRef<HTMLTextAreaElement>(null);

  // Grow with the text up to MAX_HEIGHT, also for a draft restored on mount.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [body]);

  const change = (value: string) => {
    setBody(value);
    if (draftKey) saveDraft(draftKey, value);
  };
  const mentions = useMentionAutocomplete({ inputRef: ref, value: body, onChange: change });

  const submit = () => {
    if (body.trim().length === 0 || body.length > MESSAGE_BODY_MAX) return;
    onSend(mentions.toStored(body));
    change('');
    ref.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || mentions.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' && body === '' && onEditLast && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      onEditLast();
    }
  };

  const tooLong = body.length > MESSAGE_BODY_MAX;
  const showCounter = body.length >= COUNTER_FROM;
  return (
    <Box position="relative">
      <Textarea
        ref={ref}
        {...mentions.inputProps}
        id="composer"
        value={body}
        onChange={(e) => {
          change(e.target.value);
          if (e.target.value) onTyping?.();
        }}
        onKeyDown={onKeyDown}
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
        pr="12"
        py="2.5"
        borderRadius="lg"
        bg="bg.sidebar"
        focusBorderColor="brand.400"
      />
      {mentions.popup}
      {showCounter && (
        <Text
          id="composer-counter"
          position="absolute"
          right="12"
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
      <Tooltip label="Send (Enter)" openDelay={400}>
        <IconButton
          aria-label="Send message"
          icon={<SendIcon />}
          size="sm"
          variant="ghost"
          position="absolute"
          right="2"
          bottom="1.5"
          zIndex={1}
          isDisabled={isDisabled || body.trim().length === 0 || tooLong}
          onClick={submit}
        />
      </Tooltip>
    </Box>
  );
}
