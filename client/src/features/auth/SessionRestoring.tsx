import { Button, Center, Spinner, Text, VStack } from '@chakra-ui/react';
import { useEffect, useState } from 'react';

import { useAppSelector } from '../../app/hooks';
import { selectRestoreRetryAt } from './authSlice';
import { retrySessionRestoreNow } from './useSilentRefresh';

/**
 * While the session is being restored on load. When the server cannot be reached the user is not sent to
 * sign in (the session may be fine): the app says it is offline and when it tries again.
 */
export function SessionRestoring() {
  const retryAt = useAppSelector(selectRestoreRetryAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!retryAt) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [retryAt]);

  if (!retryAt) {
    return (
      <Center h="100%">
        <Spinner size="lg" color="brand.500" label="Loading" />
      </Center>
    );
  }
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return (
    <Center h="100%" p="6">
      <VStack spacing="3" textAlign="center" role="status" data-testid="session-offline">
        <Text fontSize="lg" fontWeight="semibold">
          Can’t reach Partyline right now
        </Text>
        <Text color="fg.muted">
          You are still signed in. {seconds > 0 ? `Trying again in ${seconds} s…` : 'Trying again…'}
        </Text>
        <Button size="sm" onClick={retrySessionRestoreNow}>
          Try now
        </Button>
      </VStack>
    </Center>
  );
}
