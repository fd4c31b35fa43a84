import { Box, IconButton, Textarea, Tooltip } from '@chakra-ui/react';
import { MESSAGE_BODY_MAX } from '@partyline/contracts/limits';
import { useRef, useState, type KeyboardEvent } from 'react';

import { SendIcon } from '../../components/icons';

interface ComposerProps {
  placeholder: string;
  onSend: (body: string) => void;
  onTyping?: () => void;
  isDisabled?: boolean;
}

/** Enter sends, Shift+Enter starts a new line; IME composition (e.g. Japanese input) never sends. */
export function Composer({ placeholder, onSend, onTyping, isDisabled }: ComposerProps) {
  const [body, setBody] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

  const submit = () => {
    if (body.trim().length === 0 || body.length > MESSAGE_BODY_MAX) return;
    onSend(body);
    setBody('');
    if (ref.current) {
      ref.current.style.height = 'auto';
      ref.current.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const tooLong = body.length > MESSAGE_BODY_MAX;
  return (
    <Box position="relative">
      <Textarea
        ref={ref}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (e.target.value) onTyping?.();
        }}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        aria-label="Message"
        isDisabled={isDisabled}
        isInvalid={tooLong}
        rows={1}
        resize="none"
        minH="44px"
        maxH="200px"
        pr="12"
        py="2.5"
        borderRadius="lg"
        bg="bg.sidebar"
        focusBorderColor="brand.400"
        onInput={(e) => {
          // Grow with the text up to maxH.
          const el = e.currentTarget;
          el.style.height = 'auto';
          el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
        }}
      />
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
