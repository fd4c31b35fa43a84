import {
  Box,
  Button,
  Center,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Spinner,
  Stack,
  Text,
} from '@chakra-ui/react';

import { errorMessage } from '../../api/apiSlice';
import type { Message } from '../../api/types';
import { useGetMessageEditsQuery } from './editHistoryApi';
import { MessageText } from './MessageText';

const when = (iso: string) => new Date(iso).toLocaleString();

/** The earlier versions of a message, oldest first, then the text it has now. */
export function EditHistoryModal({ message, onClose }: { message: Message; onClose: () => void }) {
  const { data: edits, isLoading, error } = useGetMessageEditsQuery(message.id);
  return (
    <Modal isOpen onClose={onClose} size="lg" scrollBehavior="inside">
      <ModalOverlay />
      <ModalContent mx="4">
        <ModalHeader>Edit history</ModalHeader>
        <ModalCloseButton />
        <ModalBody>
          {isLoading ? (
            <Center py="6">
              <Spinner label="Loading the edit history" />
            </Center>
          ) : error ? (
            <Text role="alert" color="fg.danger">
              {errorMessage(error, 'Could not load the edit history.')}
            </Text>
          ) : (
            <Stack as="ol" spacing="3" listStyleType="none" data-testid="edit-history">
              {(edits ?? []).map((edit, i) => (
                <Box as="li" key={`${edit.editedAt}-${i}`} borderLeftWidth="3px" borderColor="border" pl="3">
                  <Text fontSize="xs" color="fg.muted">
                    {i === 0 ? 'Original' : `Version ${i + 1}`} · replaced {when(edit.editedAt)}
                  </Text>
                  <Box fontSize="sm">
                    <MessageText body={edit.body} />
                  </Box>
                </Box>
              ))}
              <Box as="li" borderLeftWidth="3px" borderColor="brand.500" pl="3">
                <Text fontSize="xs" color="fg.muted">
                  Now{message.editedAt ? ` · since ${when(message.editedAt)}` : ''}
                </Text>
                <Box fontSize="sm">
                  <MessageText body={message.body} />
                </Box>
              </Box>
            </Stack>
          )}
        </ModalBody>
        <ModalFooter>
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
