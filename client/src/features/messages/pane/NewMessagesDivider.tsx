import { Divider, HStack, Text } from '@chakra-ui/react';

export function NewMessagesDivider() {
  return (
    <HStack px="4" my="2" role="separator" aria-label="New messages" data-testid="new-messages-divider">
      <Divider borderColor="red.400" />
      <Text fontSize="xs" fontWeight="bold" color="red.400" whiteSpace="nowrap">
        New messages
      </Text>
    </HStack>
  );
}
