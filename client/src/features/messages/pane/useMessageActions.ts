import { useToast } from '@chakra-ui/react';
import { useCallback } from 'react';

import { errorMessage } from '../../../api/apiSlice';
import type { Message } from '../../../api/types';
import { useDeleteMessageMutation, useEditMessageMutation } from '../messagesApi';

/** Edit and delete from a message's menu (the item asks to confirm), with a toast when the server refuses. */
export function useMessageActions() {
  const toast = useToast();
  const [editMessage] = useEditMessageMutation();
  const [deleteMessage] = useDeleteMessageMutation();

  // Stable callbacks: MessageItem is memoised, and a long list must not re-render on every keystroke.
  const onEdit = useCallback(
    async (m: Message, body: string) => {
      try {
        await editMessage({ messageId: m.id, topicId: m.topicId, body }).unwrap();
      } catch (err) {
        toast({ status: 'error', title: 'Could not edit the message', description: errorMessage(err) });
        throw err; // keeps the editor open with the text
      }
    },
    [editMessage, toast],
  );
  const onDelete = useCallback(
    (m: Message) => {
      deleteMessage({ messageId: m.id, topicId: m.topicId })
        .unwrap()
        .catch((err: unknown) =>
          toast({ status: 'error', title: 'Could not delete', description: errorMessage(err) }),
        );
    },
    [deleteMessage, toast],
  );
  return { onEdit, onDelete };
}
