import { Alert, AlertIcon, Spinner, Text } from '@chakra-ui/react';
import { useEffect, useState } from 'react';

import { useAppSelector } from '../app/hooks';
import { selectBrowserOnline, selectConnectionStatus } from './connectionSlice';

/** Shown after this long down, so the routine reconnect when a token is renewed does not flash a banner. */
const GRACE_MS = 800;

/**
 * Says so while the live connection is down: at once when the browser reports it is offline, after a
 * short grace otherwise. Missed messages and queued sends go out by themselves once it is back.
 */
export function ConnectionBanner() {
  const status = useAppSelector(selectConnectionStatus);
  const online = useAppSelector(selectBrowserOnline);
  const [visible, setVisible] = useState(false);
  const down = status === 'reconnecting' || !online;
  useEffect(() => {
    if (!down) return setVisible(false);
    if (!online) return setVisible(true);
    const t = setTimeout(() => setVisible(true), GRACE_MS);
    return () => clearTimeout(t);
  }, [down, online]);
  if (!visible) return null;
  return (
    <Alert
      status="warning"
      variant="subtle"
      py="1.5"
      justifyContent="center"
      role="status"
      data-testid="reconnecting-banner"
      data-state={online ? 'reconnecting' : 'offline'}
    >
      <AlertIcon boxSize="4" />
      <Text fontSize="sm" mr="2">
        {online
          ? 'Reconnecting… messages will catch up when the connection is back.'
          : 'You are offline. Messages you send will go out when you are back online.'}
      </Text>
      {online && <Spinner size="xs" />}
    </Alert>
  );
}
