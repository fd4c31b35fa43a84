import {
  Box,
  Drawer,
  DrawerBody,
  DrawerCloseButton,
  DrawerContent,
  DrawerHeader,
  DrawerOverlay,
  Flex,
  Heading,
  HStack,
  IconButton,
  Text,
  Tooltip,
  useBreakpointValue,
  useDisclosure,
} from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';

import { useAppDispatch, useAppSelector } from '../app/hooks';
import { HashIcon, UsersIcon } from '../components/icons';
import { selectCurrentUser } from '../features/auth/authSlice';
import { Composer } from '../features/messages/Composer';
import { MessagePane } from '../features/messages/MessagePane';
import { requestEditLast } from '../features/messages/pane/editLastRequests';
import { sendMessage } from '../features/messages/sendThunks';
import { notifyTyping, typingStopped } from '../features/messages/typingNotices';
import { TypingIndicator } from '../features/messages/TypingIndicator';
import { MemberList } from '../features/members/MemberList';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { SearchButton } from '../features/search/SearchButton';
import { SearchPanel } from '../features/search/SearchPanel';
import { useGetTopicsQuery } from '../features/topics/topicsApi';
import { DeadEnd } from './DeadEnd';
import { NavToggle } from './NavToggle';
import { useShell } from './shellContext';
import { useKeepListBottom } from './useKeepListBottom';

export function TopicView() {
  const { partyId = '', topicId = '' } = useParams();
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectCurrentUser);
  const { isDesktop } = useShell();
  const wide = useBreakpointValue({ base: false, lg: true }, { ssr: false }) ?? true;
  const [showMembers, setShowMembers] = useState(true);
  const membersDrawer = useDisclosure();
  const search = useDisclosure();
  const composerBox = useRef<HTMLDivElement>(null);
  useKeepListBottom(composerBox);
  const { party } = useGetPartiesQuery(undefined, {
    selectFromResult: ({ data }) => ({ party: data?.find((p) => p.id === partyId) }),
  });
  const { topic, topicsLoaded } = useGetTopicsQuery(partyId, {
    selectFromResult: ({ data }) => ({
      topic: data?.find((t) => t.id === topicId),
      topicsLoaded: data !== undefined,
    }),
  });

  useEffect(() => {
    if (party && topic) document.title = `#${topic.name} · ${party.name} — Partyline`;
    return () => {
      document.title = 'Partyline';
    };
  }, [party, topic]);

  if (topicsLoaded && !topic) {
    return (
      <DeadEnd
        title="This topic no longer exists"
        body="It may have been deleted or renamed away. Pick another topic of this party."
        to={`/parties/${partyId}`}
        action="Open the party"
      />
    );
  }
  const name = topic?.name ?? '';
  const toggleMembers = () => (wide ? setShowMembers((v) => !v) : membersDrawer.onOpen());

  // The message pane does not wait for the party list: its history request starts together with the
  // lists (the role only decides which actions the menu offers, and arrives a moment later).
  return (
    <Flex flex="1" minH={0}>
      <Flex direction="column" flex="1" minW={0}>
        <HStack
          as="header"
          h="14"
          px={{ base: 2, md: 4 }}
          borderBottomWidth="1px"
          borderColor="border"
          spacing="2"
          flexShrink={0}
        >
          <NavToggle />
          <HashIcon color="fg.subtle" aria-hidden />
          <Heading as="h1" size="sm" noOfLines={1} flex="1" data-testid="topic-title">
            {name}
          </Heading>
          {!isDesktop && party && (
            <Text fontSize="xs" color="fg.muted" noOfLines={1} maxW="30%">
              {party.name}
            </Text>
          )}
          <SearchButton onOpen={search.onOpen} isDisabled={!party} />
          <Tooltip label={wide && showMembers ? 'Hide members' : 'Show members'}>
            <IconButton
              aria-label={wide && showMembers ? 'Hide members' : 'Show members'}
              aria-pressed={wide ? showMembers : undefined}
              icon={<UsersIcon />}
              variant="ghost"
              onClick={toggleMembers}
            />
          </Tooltip>
        </HStack>
        <MessagePane key={topicId} topicId={topicId} topicName={name} myRole={party?.myRole} />
        <Box ref={composerBox} px={{ base: 2, md: 4 }} pb="5" pt="1" flexShrink={0}>
          <TypingIndicator topicId={topicId} meId={me?.id} />
          <Composer
            key={topicId}
            draftKey={topicId}
            placeholder={`Message #${name}`}
            onTyping={() => notifyTyping(topicId)}
            // The pane finds my last loaded message, also one the virtualized list has not rendered.
            onEditLast={() => requestEditLast(topicId)}
            onSend={(body, options) => {
              typingStopped(topicId);
              void dispatch(sendMessage({ topicId, partyId, body, ...options }));
            }}
          />
        </Box>
      </Flex>
      {party && wide && showMembers && <MemberList party={party} />}
      {party && !wide && (
        <Drawer isOpen={membersDrawer.isOpen} onClose={membersDrawer.onClose} placement="right" size="xs">
          <DrawerOverlay />
          <DrawerContent maxW="260px" aria-label="Members">
            <DrawerCloseButton />
            <DrawerHeader fontSize="md">Members</DrawerHeader>
            <DrawerBody p="0">
              <MemberList party={party} />
            </DrawerBody>
          </DrawerContent>
        </Drawer>
      )}
      {party && <SearchPanel party={party} isOpen={search.isOpen} onClose={search.onClose} />}
    </Flex>
  );
}
