import { Box, Text } from '@chakra-ui/react';
import { useEffect, useState } from 'react';

import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { typersIn, typingExpired, typingLabel } from './typingSlice';

/** "Alice is typing…" until the notice expires; re-checks every half second while someone types. */
export function TypingIndicator({ topicId, meId }: { topicId: string; meId: string | undefined }) {
  const dispatch = useAppDispatch();
  const [now, setNow] = useState(() => Date.now());
  const hasTypers = useAppSelector((s) => Object.keys(s.typing.byTopic[topicId] ?? {}).length > 0);
  const names = useAppSelector((s) => typersIn(s, topicId, meId, now));
  useEffect(() => {
    if (!hasTypers) return;
    const t = setInterval(() => {
      const n = Date.now();
      setNow(n);
      dispatch(typingExpired(n));
    }, 500);
    return () => clearInterval(t);
  }, [hasTypers, dispatch]);
  const label = typingLabel(names);
  return (
    <Box h="5" px="1" aria-live="polite" data-testid="typing-indicator">
      {label && (
        <Text fontSize="xs" color="fg.muted" fontStyle="italic">
          {label}
        </Text>
      )}
    </Box>
  );
}
