import { CloseButton, HStack, Text } from '@chakra-ui/react';

import type { ReplyTarget } from './replyTarget';

/** Above the composer while replying: who and what is being answered, with a cancel (also Escape). */
export function ReplyBar({ target, onCancel }: { target: ReplyTarget; onCancel: () => void }) {
  return (
    <HStack
      spacing="2"
      px="3"
      py="1"
      mb="1"
      borderLeftWidth="3px"
      borderColor="brand.400"
      bg="bg.sidebar"
      borderRadius="md"
      fontSize="sm"
      data-testid="reply-bar"
      aria-live="polite"
    >
      <Text flex="1" minW={0} noOfLines={1} color="fg.muted">
        Replying to{' '}
        <Text as="span" fontWeight="semibold" color="chakra-body-text">
          {target.authorName}
        </Text>
        {target.excerpt ? `: ${target.excerpt}` : ''}
      </Text>
      <CloseButton size="sm" aria-label="Cancel reply (Escape)" onClick={onCancel} />
    </HStack>
  );
}
