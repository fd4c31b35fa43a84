import { Box, Text, VisuallyHidden } from '@chakra-ui/react';
import type { ReplyPreview } from '@partyline/contracts';
import type { MouseEvent } from 'react';

import type { Message } from '../../api/types';
import { useGetMembersQuery } from '../members/membersApi';
import { useJumpToMessage } from '../messages/pane/useJumpToMessage';
import { ReplyIcon } from '../../components/icons';
import { LazyMarkdown } from '../markdown/LazyMarkdown';
import { MARKDOWN_CLASS } from '../markdown/markdownStyles';

/**
 * The one-line preview above a reply: the original's author and first line, or that it was deleted.
 * A click (or Enter) jumps to the original, loading the history around it when it is not loaded.
 */
export function ReplyQuote({ reply, message }: { reply: ReplyPreview; message: Message }) {
  const jump = useJumpToMessage();
  const { name } = useGetMembersQuery(message.partyId, {
    selectFromResult: ({ data }) => ({
      name: reply.authorId ? data?.find((m) => m.userId === reply.authorId)?.displayName : 'Deleted user',
    }),
  });
  const author = name ?? 'Someone';
  return (
    <Box
      as="button"
      type="button"
      display="flex"
      alignItems="center"
      gap="1.5"
      maxW="100%"
      mb="0.5"
      fontSize="xs"
      color="fg.muted"
      textAlign="start"
      borderRadius="sm"
      _hover={{ color: 'chakra-body-text' }}
      onClick={(e: MouseEvent) => {
        e.stopPropagation();
        jump({ partyId: message.partyId, topicId: message.topicId, seq: reply.seq });
      }}
      // A deleted original has a fixed name; otherwise the name comes from what the quote shows, so a
      // screen reader hears the formatted text (mentions by name, a spoiler as "spoiler"), never the raw
      // markdown source or a spoiler's hidden words.
      aria-label={reply.deleted ? 'Reply to a deleted message' : undefined}
      data-testid="reply-quote"
      data-reply-seq={reply.seq}
    >
      <ReplyIcon aria-hidden boxSize="3" flexShrink={0} transform="scaleX(-1)" />
      {reply.deleted ? (
        <Text as="span" fontStyle="italic">
          Original message was deleted
        </Text>
      ) : (
        <Text as="span" noOfLines={1} wordBreak="break-all">
          <VisuallyHidden>Reply to </VisuallyHidden>
          <Text as="span" fontWeight="semibold">
            @{author}
          </Text>{' '}
          <span className={MARKDOWN_CLASS}>
            <LazyMarkdown body={reply.excerpt} partyId={message.partyId} inline />
          </span>
          <VisuallyHidden>. Go to the original message</VisuallyHidden>
        </Text>
      )}
    </Box>
  );
}
