import { Alert, AlertIcon, Spinner, Text } from '@chakra-ui/react';
import { useEffect, useState } from 'react';

import { useAppSelector } from '../app/hooks';
import { selectConnectionStatus } from './connectionSlice';

/** Shown after this long down, so the routine reconnect when a token is renewed does not flash a banner. */
const GRACE_MS = 1_200;

/** Says so while the live connection is down; missed messages arrive by themselves once it is back. */
export function ConnectionBanner() {
  const status = useAppSelector(selectConnectionStatus);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (status !== 'reconnecting') return setVisible(false);
    const t = setTimeout(() => setVisible(true), GRACE_MS);
    return () => clearTimeout(t);
  }, [status]);
  if (!visible) return null;
  return (
    <Alert
      status="warning"
      variant="subtle"
      py="1.5"
      justifyContent="center"
      role="status"
      data-testid="reconnecting-banner"
    >
      <AlertIcon boxSize="4" />
      <Text fontSize="sm" mr="2">
        Reconnecting… messages will catch up when the connection is back.
      </Text>
      <Spinner size="xs" />
    </Alert>
  );
}
