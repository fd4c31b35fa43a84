import {
  AvatarGroup,
  Avatar,
  Box,
  Center,
  Flex,
  Heading,
  HStack,
  IconButton,
  Menu,
  MenuButton,
  MenuItem,
  Spinner,
  Text,
  useDisclosure,
  useToast,
} from '@chakra-ui/react';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate, useParams } from 'react-router-dom';

import { errorMessage } from '../../api/apiSlice';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { MenuList } from '../../components/MenuList';
import { MoreIcon } from '../../components/icons';
import { DeadEnd } from '../../pages/DeadEnd';
import { NavToggle } from '../../pages/NavToggle';
import { useKeepListBottom } from '../../pages/useKeepListBottom';
import { selectCurrentUser } from '../auth/authSlice';
import { Composer } from '../messages/Composer';
import { MessagePane } from '../messages/MessagePane';
import { requestEditLast } from '../messages/pane/editLastRequests';
import { sendMessage } from '../messages/sendThunks';
import { notifyTyping, typingStopped } from '../messages/typingNotices';
import { TypingIndicator } from '../messages/TypingIndicator';
import { SearchButton } from '../search/SearchButton';
import { SearchPanel } from '../search/SearchPanel';
import {
  conversationTitle,
  othersIn,
  useGetConversationsQuery,
  useLeaveConversationMutation,
} from './directApi';
import { NewMessageModal } from './NewMessageModal';

/**
 * `/direct/:partyId`: one conversation, shown with the topic view's own message pane and composer on its
 * one topic (history, sync, edits, reactions, replies, files and read marks all as in a party). The
 * param is the conversation's id, which is also its messages' partyId: named so, the composer's mention
 * suggestions offer its participants.
 */
export function DirectView() {
  const { partyId: conversationId = '' } = useParams();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const toast = useToast();
  const me = useAppSelector(selectCurrentUser);
  const composerBox = useRef<HTMLDivElement>(null);
  useKeepListBottom(composerBox);
  const { conversation, loaded } = useGetConversationsQuery(undefined, {
    selectFromResult: ({ data }) => ({
      conversation: data?.find((c) => c.id === conversationId),
      loaded: data !== undefined,
    }),
  });
  const [leave] = useLeaveConversationMutation();
  const search = useDisclosure();
  const adding = useDisclosure();
  const title = conversation ? conversationTitle(conversation, me?.id) : '';
  const group = conversation?.group ?? false;
  // Memoized: the pane's list re-renders its header when this changes.
  const welcome = useMemo(
    () => ({
      title,
      body: group
        ? `This is the start of your group conversation with ${title}.`
        : `This is the start of your direct messages with ${title}. Only the two of you can see them.`,
    }),
    [title, group],
  );

  useEffect(() => {
    if (title) document.title = `${title} — Partyline`;
    return () => {
      document.title = 'Partyline';
    };
  }, [title]);

  if (!conversation) {
    if (!loaded)
      return (
        <Center flex="1">
          <Spinner color="brand.500" label="Loading the conversation" />
        </Center>
      );
    return (
      <DeadEnd
        title="This conversation isn’t available"
        body="It doesn’t exist, or you are not in it any more."
        to="/"
        action="Go to your parties"
      />
    );
  }
  const { topicId } = conversation;
  const others = othersIn(conversation, me?.id);

  return (
    <Flex direction="column" flex="1" minW={0} minH={0}>
      <HStack
        as="header"
        h="14"
        px={{ base: 2, md: 4 }}
        borderBottomWidth="1px"
        borderColor="border"
        spacing="3"
        flexShrink={0}
      >
        <NavToggle />
        <AvatarGroup size="sm" max={3} aria-hidden spacing="-2">
          {others.map((p) => (
            <Avatar key={p.userId} name={p.displayName} src={p.avatarUrl ?? undefined} />
          ))}
        </AvatarGroup>
        <Box flex="1" minW={0}>
          <Heading as="h1" size="sm" noOfLines={1} data-testid="direct-title">
            {title}
          </Heading>
          {conversation.group && (
            <Text fontSize="xs" color="fg.muted" noOfLines={1}>
              {conversation.participants.length} people
            </Text>
          )}
        </Box>
        <SearchButton onOpen={search.onOpen} />
        {conversation.group && (
          <Menu placement="bottom-end">
            <MenuButton
              as={IconButton}
              aria-label="Conversation options"
              icon={<MoreIcon />}
              variant="ghost"
            />
            <MenuList>
              <MenuItem onClick={adding.onOpen}>Add people</MenuItem>
              <MenuItem
                color="fg.danger"
                onClick={() =>
                  leave(conversation.id)
                    .unwrap()
                    .then(
                      () => navigate('/', { replace: true }),
                      (err: unknown) => toast({ status: 'error', title: errorMessage(err) }),
                    )
                }
              >
                Leave conversation
              </MenuItem>
            </MenuList>
          </Menu>
        )}
      </HStack>
      <MessagePane key={topicId} topicId={topicId} topicName={title} myRole="member" welcome={welcome} />
      <Box ref={composerBox} px={{ base: 2, md: 4 }} pb="5" pt="1" flexShrink={0}>
        <TypingIndicator topicId={topicId} meId={me?.id} />
        <Composer
          key={topicId}
          draftKey={topicId}
          placeholder={`Message ${title}`}
          onTyping={() => notifyTyping(topicId)}
          onEditLast={() => requestEditLast(topicId)}
          onSend={(body, options) => {
            typingStopped(topicId);
            void dispatch(sendMessage({ topicId, partyId: conversation.id, body, ...options }));
          }}
        />
      </Box>
      {/* A conversation is a party on the server: the party search answers its participants. */}
      <SearchPanel
        party={{ id: conversation.id, name: title }}
        isOpen={search.isOpen}
        onClose={search.onClose}
        singleTopic
      />
      {conversation.group && (
        <NewMessageModal isOpen={adding.isOpen} onClose={adding.onClose} addTo={conversation} />
      )}
    </Flex>
  );
}
