import {
  Box,
  Flex,
  HStack,
  IconButton,
  Text,
  Tooltip,
  useDisclosure,
  VisuallyHidden,
} from '@chakra-ui/react';
import { NavLink } from 'react-router-dom';

import { useAppSelector } from '../../app/hooks';
import { selectCurrentUser } from '../auth/authSlice';
import { RailBadge } from '../parties/RailBadge';
import { badgeLabel, noBadges } from '../unread/badges';
import { useBadges } from '../unread/useBadges';
import { ConversationAvatar } from './ConversationAvatar';
import { conversationTitle, useGetConversationsQuery } from './directApi';
import { NewMessageIcon } from './NewMessageIcon';
import { NewMessageModal } from './NewMessageModal';

interface Props {
  activeId: string | undefined;
  onNavigate?: () => void;
}

/** Beside a conversation (where a party shows its topics): every conversation by name, with its badges. */
export function DirectSidebar({ activeId, onNavigate }: Props) {
  const me = useAppSelector(selectCurrentUser);
  const { data: conversations = [] } = useGetConversationsQuery();
  const badges = useBadges();
  const picker = useDisclosure();

  return (
    <Flex
      direction="column"
      // In the phone drawer it shares the width with the rail, like the topics sidebar.
      w={{ base: 'auto', md: '240px' }}
      flex={{ base: '1', md: 'none' }}
      minW={0}
      flexShrink={0}
      h="100%"
      bg="bg.sidebar"
      borderRightWidth="1px"
      borderColor="border"
    >
      <HStack
        px="4"
        h="14"
        borderBottomWidth="1px"
        borderColor="border"
        justify="space-between"
        flexShrink={0}
      >
        <Text fontWeight="bold" noOfLines={1}>
          Direct messages
        </Text>
        <Tooltip label="New message">
          <IconButton
            aria-label="New message"
            icon={<NewMessageIcon />}
            size="sm"
            variant="ghost"
            onClick={picker.onOpen}
          />
        </Tooltip>
      </HStack>
      <Box
        as="nav"
        aria-label="Direct messages"
        flex="1"
        overflowY="auto"
        py="3"
        // The badges' and group avatars' rings take the sidebar's colour here, not the rail's.
        sx={{ '--chakra-colors-bg-rail': 'var(--chakra-colors-bg-sidebar)' }}
      >
        {conversations.length === 0 && (
          <Text px="4" fontSize="sm" color="fg.muted">
            No conversations yet.
          </Text>
        )}
        {conversations.map((c) => {
          const title = conversationTitle(c, me?.id);
          const { unread, mentions, hasUnread } = badges.parties[c.id] ?? noBadges();
          const said = badgeLabel(mentions, unread);
          const active = c.id === activeId;
          return (
            <HStack
              key={c.id}
              as={NavLink}
              to={`/direct/${c.id}`}
              onClick={onNavigate}
              mx="2"
              px="2"
              py="1.5"
              spacing="2.5"
              borderRadius="md"
              bg={active ? 'bg.active' : undefined}
              _hover={{ bg: active ? 'bg.active' : 'bg.hover' }}
              aria-current={active ? 'page' : undefined}
              color={active || hasUnread ? undefined : 'fg.muted'}
              fontWeight={hasUnread ? 'bold' : active ? 'semibold' : 'normal'}
              data-testid="direct-sidebar-link"
            >
              <Box flexShrink={0} borderRadius="full">
                <ConversationAvatar conversation={c} meId={me?.id} size="sm" />
              </Box>
              <Box flex="1" minW={0}>
                <Text fontSize="sm" noOfLines={1}>
                  {title}
                  {/* The name is the visible text; screen readers also hear the counts. */}
                  {said && <VisuallyHidden>, {said}</VisuallyHidden>}
                </Text>
                {c.group && (
                  <Text fontSize="xs" color="fg.muted" fontWeight="normal" noOfLines={1}>
                    {c.participants.length} people
                  </Text>
                )}
              </Box>
              <Box flexShrink={0} sx={{ '& > div': { position: 'static' } }}>
                <RailBadge mentions={mentions} unread={unread} testIdPrefix="direct-sidebar" />
              </Box>
            </HStack>
          );
        })}
      </Box>
      <NewMessageModal isOpen={picker.isOpen} onClose={picker.onClose} onStarted={onNavigate} />
    </Flex>
  );
}
