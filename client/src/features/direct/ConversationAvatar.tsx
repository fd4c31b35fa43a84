import { Avatar, Box } from '@chakra-ui/react';
import type { DirectConversation } from '@partyline/contracts';

import { othersIn } from './directApi';

interface Props {
  conversation: DirectConversation;
  meId: string | undefined;
  size?: 'sm' | 'md';
}

/** A 1:1 shows the other person; a group shows two of its people overlapping, the second one smaller. */
export function ConversationAvatar({ conversation, meId, size = 'md' }: Props) {
  const [first, second] = othersIn(conversation, meId);
  if (!conversation.group || !second) {
    return (
      <Avatar
        aria-hidden
        size={size}
        borderRadius="inherit"
        name={first?.displayName}
        src={first?.avatarUrl ?? undefined}
      />
    );
  }
  const box = size === 'md' ? '12' : '9';
  return (
    <Box position="relative" w={box} h={box} aria-hidden>
      <Avatar
        size={size === 'md' ? 'sm' : 'xs'}
        name={first?.displayName}
        src={first?.avatarUrl ?? undefined}
        position="absolute"
        top="0"
        left="0"
      />
      <Avatar
        size={size === 'md' ? 'sm' : 'xs'}
        name={second.displayName}
        src={second.avatarUrl ?? undefined}
        position="absolute"
        bottom="0"
        right="0"
        border="2px solid"
        borderColor="bg.rail"
      />
    </Box>
  );
}
