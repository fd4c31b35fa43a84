import {
  Avatar,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormHelperText,
  FormLabel,
  HStack,
  Input,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Spinner,
  Stack,
  Tag,
  TagCloseButton,
  TagLabel,
  Text,
  Wrap,
  WrapItem,
} from '@chakra-ui/react';
import type { DirectContact, DirectConversation } from '@partyline/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';

import { errorMessage } from '../../api/apiSlice';
import { useAddParticipantsMutation, useGetContactsQuery, useStartConversationMutation } from './directApi';

/** Others in one conversation: DIRECT_PARTICIPANTS_MAX (10, me included) less me. */
export const OTHERS_MAX = 9;

const nameOf = (c: DirectContact) => c.displayName || c.username || 'Someone';
const matches = (c: DirectContact, query: string) => {
  const q = query.trim().toLowerCase();
  return q === '' || nameOf(c).toLowerCase().includes(q) || (c.username ?? '').toLowerCase().includes(q);
};

interface Props {
  isOpen: boolean;
  onClose: () => void;
  /** After navigating to the conversation (the phone drawer closes). */
  onStarted?: () => void;
  /**
   * "Add people" to this group instead: its participants are shown checked and fixed, and only as many
   * more as it has room for can be picked. The modal stays on the conversation and closes once added.
   */
  addTo?: DirectConversation;
}

/**
 * "New message": pick 1 to 9 people I share a party or a conversation with, searched by name. One person
 * opens our 1:1 (the same one every time); several start a group (or open the one we already have).
 */
export function NewMessageModal({ isOpen, onClose, onStarted, addTo }: Props) {
  const { data: contacts, isLoading, isError } = useGetContactsQuery(undefined, { skip: !isOpen });
  const [start, { isLoading: starting }] = useStartConversationMutation();
  const [add, { isLoading: adding }] = useAddParticipantsMutation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<DirectContact[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (isOpen) {
      setQuery('');
      setChosen([]);
      setError(null);
    }
  }, [isOpen]);

  const shown = useMemo(() => (contacts ?? []).filter((c) => matches(c, query)), [contacts, query]);
  const inAlready = useMemo(() => new Set(addTo?.participants.map((p) => p.userId)), [addTo]);
  // Everyone in a conversation counts, me included: a group has room for what it lacks of the maximum.
  const room = addTo ? Math.max(0, OTHERS_MAX + 1 - addTo.participants.length) : OTHERS_MAX;
  const isChosen = (c: DirectContact) => chosen.some((x) => x.userId === c.userId);
  const toggle = (c: DirectContact) =>
    setChosen((list) =>
      list.some((x) => x.userId === c.userId)
        ? list.filter((x) => x.userId !== c.userId)
        : list.length < room
          ? [...list, c]
          : list,
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0) return;
    setError(null);
    const userIds = chosen.map((c) => c.userId);
    try {
      if (addTo) {
        await add({ conversationId: addTo.id, userIds }).unwrap();
        onClose();
        return;
      }
      const conversation = await start({ userIds }).unwrap();
      onClose();
      navigate(`/direct/${conversation.id}`);
      onStarted?.();
    } catch (err) {
      setError(errorMessage(err, addTo ? 'Could not add them' : 'Could not start the conversation'));
    }
  };

  const full = chosen.length >= room;
  const title = addTo ? 'Add people' : 'New message';
  return (
    <Modal isOpen={isOpen} onClose={onClose} isCentered scrollBehavior="inside">
      <ModalOverlay />
      <ModalContent as="form" onSubmit={submit} mx="4" aria-label={title}>
        <ModalHeader>{title}</ModalHeader>
        <ModalCloseButton />
        <ModalBody>
          <Stack spacing="3">
            <FormControl>
              <FormLabel>{addTo ? 'Add' : 'To'}</FormLabel>
              <Input
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Search people by name"
                autoFocus
                data-testid="new-message-search"
              />
              <FormHelperText color="fg.muted">
                {addTo && room === 0
                  ? `This conversation is full: it has the most people one can have (${OTHERS_MAX + 1}).`
                  : 'People you share a party or a conversation with. ' +
                    (addTo
                      ? `Up to ${room} more can join.`
                      : `Pick one for a direct message, or up to ${OTHERS_MAX} for a group.`)}
              </FormHelperText>
            </FormControl>
            {chosen.length > 0 && (
              <Wrap spacing="2" aria-label="Chosen people">
                {chosen.map((c) => (
                  <WrapItem key={c.userId}>
                    <Tag size="md" borderRadius="full" variant="subtle" colorScheme="brand">
                      <TagLabel>{nameOf(c)}</TagLabel>
                      <TagCloseButton aria-label={`Remove ${nameOf(c)}`} onClick={() => toggle(c)} />
                    </Tag>
                  </WrapItem>
                ))}
              </Wrap>
            )}
            <Box
              as="ul"
              listStyleType="none"
              maxH="280px"
              overflowY="auto"
              borderWidth="1px"
              borderColor="border"
              borderRadius="md"
              aria-label="People"
            >
              {isLoading && (
                <HStack p="3" justify="center">
                  <Spinner size="sm" label="Loading people" />
                </HStack>
              )}
              {isError && (
                <Text p="3" color="fg.danger" fontSize="sm">
                  Could not load the people you know.
                </Text>
              )}
              {contacts && shown.length === 0 && (
                <Text p="3" color="fg.muted" fontSize="sm">
                  {contacts.length === 0
                    ? 'Nobody yet: join or create a party to find people to write to.'
                    : 'Nobody by that name.'}
                </Text>
              )}
              {shown.map((c) => (
                <Box as="li" key={c.userId} _hover={{ bg: 'bg.hover' }}>
                  <Checkbox
                    px="3"
                    py="2"
                    w="full"
                    isChecked={inAlready.has(c.userId) || isChosen(c)}
                    isDisabled={inAlready.has(c.userId) || (full && !isChosen(c))}
                    onChange={() => toggle(c)}
                    data-testid="new-message-person"
                    // Long names are cut with an ellipsis inside the row; what is always read stays whole.
                    sx={{ '.chakra-checkbox__label': { flex: 1, minW: 0 } }}
                  >
                    <HStack spacing="2" minW={0}>
                      <Avatar size="xs" name={nameOf(c)} src={c.avatarUrl ?? undefined} aria-hidden />
                      <Text as="span" fontSize="sm" noOfLines={1} flexShrink={0} maxW="60%">
                        {nameOf(c)}
                      </Text>
                      {c.username && (
                        <Text as="span" fontSize="xs" color="fg.muted" noOfLines={1} minW={0}>
                          @{c.username}
                        </Text>
                      )}
                      {inAlready.has(c.userId) && (
                        <Text as="span" fontSize="xs" color="fg.muted" whiteSpace="nowrap" flexShrink={0}>
                          · already in
                        </Text>
                      )}
                    </HStack>
                  </Checkbox>
                </Box>
              ))}
            </Box>
            {error && (
              <Text color="fg.danger" fontSize="sm" role="alert">
                {error}
              </Text>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button variant="ghost" mr="3" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            isDisabled={chosen.length === 0}
            isLoading={starting || adding}
            data-testid={addTo ? 'add-people' : 'start-conversation'}
          >
            {addTo ? 'Add' : chosen.length > 1 ? 'Start group' : 'Start conversation'}
          </Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
