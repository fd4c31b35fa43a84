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
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';

import { HashIcon, UsersIcon } from '../components/icons';
import { selectCurrentUser } from '../features/auth/authSlice';
import { Composer } from '../features/messages/Composer';
import { MessagePane } from '../features/messages/MessagePane';
import { sendMessage } from '../features/messages/sendThunks';
import { notifyTyping, typingStopped } from '../features/messages/typingNotices';
import { TypingIndicator } from '../features/messages/TypingIndicator';
import { MemberList } from '../features/members/MemberList';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { useGetTopicsQuery } from '../features/topics/topicsApi';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { NavToggle } from './NavToggle';
import { useShell } from './shellContext';

export function TopicView() {
  const { partyId = '', topicId = '' } = useParams();
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectCurrentUser);
  const { isDesktop } = useShell();
  const wide = useBreakpointValue({ base: false, lg: true }, { ssr: false }) ?? true;
  const [showMembers, setShowMembers] = useState(true);
  const membersDrawer = useDisclosure();
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

  if (!party) return null;
  if (topicsLoaded && !topic) {
    return (
      <Flex flex="1" align="center" justify="center" color="fg.muted" p="6">
        This topic no longer exists.
      </Flex>
    );
  }
  const name = topic?.name ?? '';
  const toggleMembers = () => (wide ? setShowMembers((v) => !v) : membersDrawer.onOpen());

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
          <HashIcon color="fg.subtle" />
          <Heading as="h1" size="sm" noOfLines={1} flex="1" data-testid="topic-title">
            {name}
          </Heading>
          {!isDesktop && (
            <Text fontSize="xs" color="fg.subtle" noOfLines={1} maxW="30%">
              {party.name}
            </Text>
          )}
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
        <MessagePane key={topicId} topicId={topicId} topicName={name} myRole={party.myRole} />
        <Box px={{ base: 2, md: 4 }} pb="3" pt="1" flexShrink={0}>
          <TypingIndicator topicId={topicId} meId={me?.id} />
          <Composer
            key={topicId}
            placeholder={`Message #${name}`}
            onTyping={() => notifyTyping(topicId)}
            onSend={(body) => {
              typingStopped(topicId);
              void dispatch(sendMessage({ topicId, partyId, body }));
            }}
          />
        </Box>
      </Flex>
      {wide && showMembers && <MemberList party={party} />}
      {!wide && (
        <Drawer isOpen={membersDrawer.isOpen} onClose={membersDrawer.onClose} placement="right" size="xs">
          <DrawerOverlay />
          <DrawerContent maxW="260px">
            <DrawerCloseButton />
            <DrawerHeader fontSize="md">Members</DrawerHeader>
            <DrawerBody p="0">
              <MemberList party={party} />
            </DrawerBody>
          </DrawerContent>
        </Drawer>
      )}
    </Flex>
  );
}
