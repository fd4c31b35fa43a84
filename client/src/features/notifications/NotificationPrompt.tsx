import { Button, CloseButton, HStack, Text } from '@chakra-ui/react';
import { useState } from 'react';

import { BellIcon } from '../../components/icons';
import {
  dismissPrompt,
  notificationPermission,
  promptDismissed,
  requestNotificationPermission,
  type Permission,
} from './browserNotifications';

/**
 * A quiet bar offering desktop notifications, shown once there is a reason (someone mentioned me) and
 * never again after "Not now" on this device. The browser's own prompt comes only from the button.
 */
export function NotificationPrompt({ show }: { show: boolean }) {
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const [dismissed, setDismissed] = useState(promptDismissed);
  if (!show || dismissed || permission !== 'default') return null;
  return (
    <HStack
      as="aside"
      aria-label="Desktop notifications"
      px="4"
      py="2"
      spacing="3"
      rowGap="1"
      flexWrap="wrap"
      bg="bg.active"
      borderBottomWidth="1px"
      borderColor="border"
      data-testid="notification-prompt"
    >
      <BellIcon aria-hidden />
      <Text fontSize="sm" flex="1" minW="12rem">
        Get notified when someone mentions you while Partyline is in the background.
      </Text>
      <Button size="sm" onClick={() => void requestNotificationPermission().then(setPermission)}>
        Turn on notifications
      </Button>
      <CloseButton
        size="sm"
        aria-label="Not now"
        onClick={() => {
          dismissPrompt();
          setDismissed(true);
        }}
      />
    </HStack>
  );
}
