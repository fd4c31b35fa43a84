import { Alert, AlertIcon, Spinner, Text } from '@chakra-ui/react';

import { useAppSelector } from '../app/hooks';
import { selectConnectionStatus } from './connectionSlice';

/** Says so while the live connection is down; missed messages arrive by themselves once it is back. */
export function ConnectionBanner() {
  const status = useAppSelector(selectConnectionStatus);
  if (status !== 'reconnecting') return null;
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
