import { Button, HStack, IconButton, Tooltip, useDisclosure, useToast } from '@chakra-ui/react';
import { memo, useCallback } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Message } from '../../api/types';
import { useAppDispatch } from '../../app/hooks';
import { EmojiPopover } from '../emoji/EmojiPopover';
import { SmilePlusIcon } from '../../components/icons';
import { useGetMembersQuery } from '../members/membersApi';
import { reactedByMe, whoReacted } from './reactionLogic';
import { setReaction } from './reactionThunks';

/** Adds or removes my reaction, with a toast when the server refuses (too many emoji, say). */
export function useToggleReaction() {
  const dispatch = useAppDispatch();
  const toast = useToast();
  return useCallback(
    (message: Message, emoji: string, add: boolean) =>
      void dispatch(setReaction(message, emoji, add)).catch((err: unknown) =>
        toast({ status: 'error', title: 'Could not react', description: errorMessage(err) }),
      ),
    [dispatch, toast],
  );
}

/**
 * The reactions under a message: one chip per emoji with its count, mine pressed; a click toggles mine.
 * The tooltip names who reacted (from the party's members). "+" opens the picker.
 */
export const ReactionBar = memo(function ReactionBar({
  message,
  meId,
}: {
  message: Message;
  meId: string | undefined;
}) {
  const toggle = useToggleReaction();
  const picker = useDisclosure();
  const { data: members } = useGetMembersQuery(message.partyId);
  const nameOf = (userId: string) => members?.find((m) => m.userId === userId)?.displayName ?? 'Someone';
  return (
    <HStack spacing="1" mt="1" wrap="wrap" data-testid="reactions" role="group" aria-label="Reactions">
      {message.reactions.map((r) => {
        const mine = reactedByMe(r, meId);
        const who = whoReacted(r, nameOf, meId);
        return (
          <Tooltip key={r.emoji} label={who} openDelay={300}>
            <Button
              size="xs"
              variant="outline"
              borderRadius="full"
              fontWeight="medium"
              aria-pressed={mine}
              aria-label={`${r.emoji} ${r.count}: ${who}${mine ? ' (press to remove yours)' : ''}`}
              data-testid="reaction"
              data-emoji={r.emoji}
              data-mine={mine || undefined}
              bg={mine ? 'bg.active' : 'transparent'}
              borderColor={mine ? 'brand.400' : 'border'}
              color="chakra-body-text"
              onClick={() => toggle(message, r.emoji, !mine)}
            >
              <span aria-hidden>{r.emoji}</span>
              <span aria-hidden style={{ marginLeft: 4 }}>
                {r.count}
              </span>
            </Button>
          </Tooltip>
        );
      })}
      <EmojiPopover
        isOpen={picker.isOpen}
        onOpen={picker.onOpen}
        onClose={picker.onClose}
        onSelect={(emoji) => toggle(message, emoji, true)}
        label="Pick a reaction"
        placement="top-start"
      >
        <IconButton
          aria-label="Add reaction"
          icon={<SmilePlusIcon />}
          size="xs"
          variant="ghost"
          borderRadius="full"
          data-testid="add-reaction"
        />
      </EmojiPopover>
    </HStack>
  );
});
