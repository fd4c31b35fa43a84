import {
  Avatar,
  Box,
  Center,
  Drawer,
  DrawerBody,
  DrawerCloseButton,
  DrawerContent,
  DrawerHeader,
  DrawerOverlay,
  FormControl,
  FormLabel,
  HStack,
  Input,
  InputGroup,
  InputLeftElement,
  Select,
  Spinner,
  Stack,
  Text,
} from '@chakra-ui/react';
import { SEARCH_QUERY_MAX } from '@partyline/contracts/limits';
import { useEffect, useMemo, useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Message, Party } from '../../api/types';
import { SearchIcon } from '../../components/icons';
import { useGetMembersQuery } from '../members/membersApi';
import { useJumpToMessage } from '../messages/pane/useJumpToMessage';
import { useGetTopicsQuery } from '../topics/topicsApi';
import { excerpt, highlight, queryTerms } from './highlight';
import { useSearchMessagesQuery } from './searchApi';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  party: Pick<Party, 'id' | 'name'>;
  isOpen: boolean;
  onClose: () => void;
  /** A direct conversation (a party of one topic on the server): no topic filter, no topic per result. */
  singleTopic?: boolean;
}

/** Search a party's messages: type, narrow by author or topic, pick a result to open it in its topic. */
export function SearchPanel({ party, isOpen, onClose, singleTopic = false }: Props) {
  const [text, setText] = useState('');
  const [author, setAuthor] = useState('');
  const [topicId, setTopicId] = useState('');
  const q = useDebounced(text.trim(), 250);
  const jumpTo = useJumpToMessage();
  const { data: topics = [] } = useGetTopicsQuery(party.id, { skip: singleTopic });
  const { data: members } = useGetMembersQuery(party.id, { skip: !isOpen });
  const { data, isFetching, error } = useSearchMessagesQuery(
    { partyId: party.id, q, ...(author ? { authorId: author } : {}), ...(topicId ? { topicId } : {}) },
    { skip: !isOpen || q.length === 0 },
  );
  const terms = useMemo(() => queryTerms(q), [q]);
  const results = q ? (data ?? []) : [];
  // Every current member can be picked (the server filters), not only the authors of the page shown.
  const authors = useMemo(
    () =>
      (members ?? [])
        .filter((m) => m.username !== null)
        .map((m) => [m.userId, m.displayName] as const)
        .sort((a, b) => a[1].localeCompare(b[1])),
    [members],
  );
  const shown = results.filter((m) => !m.deletedAt);
  const topicName = (id: string) => topics.find((t) => t.id === id)?.name ?? 'deleted topic';

  const open = (m: Message) => {
    onClose();
    jumpTo(m);
  };

  return (
    <Drawer isOpen={isOpen} onClose={onClose} placement="right" size="md">
      <DrawerOverlay />
      <DrawerContent aria-label={`Search ${party.name}`}>
        <DrawerCloseButton />
        <DrawerHeader fontSize="md" pr="12">
          Search {party.name}
        </DrawerHeader>
        <DrawerBody px="4">
          <Stack spacing="3">
            <InputGroup>
              <InputLeftElement pointerEvents="none">
                <SearchIcon color="fg.muted" />
              </InputLeftElement>
              <Input
                type="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Search messages"
                aria-label={`Search messages in ${party.name}`}
                maxLength={SEARCH_QUERY_MAX}
                autoFocus
                data-testid="search-input"
              />
            </InputGroup>
            <HStack spacing="2">
              <FormControl>
                <FormLabel fontSize="xs" mb="1">
                  From
                </FormLabel>
                <Select
                  size="sm"
                  value={author}
                  onChange={(e) => setAuthor(e.target.value)}
                  data-testid="search-author"
                >
                  <option value="">Anyone</option>
                  {authors.map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </Select>
              </FormControl>
              {!singleTopic && (
                <FormControl>
                  <FormLabel fontSize="xs" mb="1">
                    In
                  </FormLabel>
                  <Select
                    size="sm"
                    value={topicId}
                    onChange={(e) => setTopicId(e.target.value)}
                    data-testid="search-topic"
                  >
                    <option value="">Every topic</option>
                    {topics.map((t) => (
                      <option key={t.id} value={t.id}>
                        #{t.name}
                      </option>
                    ))}
                  </Select>
                </FormControl>
              )}
            </HStack>
            <Text fontSize="sm" color="fg.muted" aria-live="polite" data-testid="search-status">
              {!q
                ? `Type to search ${singleTopic ? 'this conversation' : 'every topic of this party'}.`
                : isFetching
                  ? 'Searching…'
                  : error
                    ? errorMessage(error, 'Search failed.')
                    : `${shown.length} ${shown.length === 1 ? 'result' : 'results'}`}
            </Text>
            {isFetching && results.length === 0 && (
              <Center py="4">
                <Spinner size="sm" label="Searching" />
              </Center>
            )}
            <Stack as="ul" listStyleType="none" spacing="1" aria-label="Search results">
              {shown.map((m) => (
                <Box as="li" key={m.id}>
                  <Box
                    as="button"
                    type="button"
                    onClick={() => open(m)}
                    w="full"
                    textAlign="left"
                    p="2"
                    borderRadius="md"
                    _hover={{ bg: 'bg.hover' }}
                    data-testid="search-result"
                  >
                    <HStack spacing="2" mb="1" fontSize="xs" color="fg.muted">
                      <Avatar size="2xs" name={m.author?.displayName ?? 'Deleted user'} />
                      <Text fontWeight="semibold" color="chakra-body-text">
                        {m.author?.displayName ?? 'Deleted user'}
                      </Text>
                      {!singleTopic && <Text>in #{topicName(m.topicId)}</Text>}
                      <Text as="time" dateTime={m.createdAt} ml="auto" whiteSpace="nowrap">
                        {when(m.createdAt)}
                      </Text>
                    </HStack>
                    <Text fontSize="sm" whiteSpace="pre-wrap" wordBreak="break-word" noOfLines={4}>
                      {highlight(excerpt(m.body, terms), terms).map((piece, i) =>
                        piece.hit ? (
                          <Box as="mark" key={i} bg="yellow.200" color="gray.900" borderRadius="sm" px="0.5">
                            {piece.text}
                          </Box>
                        ) : (
                          <span key={i}>{piece.text}</span>
                        ),
                      )}
                    </Text>
                  </Box>
                </Box>
              ))}
            </Stack>
          </Stack>
        </DrawerBody>
      </DrawerContent>
    </Drawer>
  );
}
