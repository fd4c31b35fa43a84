import {
  Box,
  Divider,
  IconButton,
  Text,
  Tooltip,
  useDisclosure,
  VisuallyHidden,
  VStack,
} from '@chakra-ui/react';
import { NavLink, useMatch } from 'react-router-dom';

import { useAppSelector } from '../../app/hooks';
import { selectCurrentUser } from '../auth/authSlice';
import { RailBadge, RailPill } from '../parties/RailBadge';
import { badgeLabel, noBadges } from '../unread/badges';
import { useBadges } from '../unread/useBadges';
import { ConversationAvatar } from './ConversationAvatar';
import { conversationTitle, useGetConversationsQuery } from './directApi';
import { NewMessageIcon } from './NewMessageIcon';
import { NewMessageModal } from './NewMessageModal';

/**
 * The rail's "Direct messages" section: the "New message" button, then my conversations, newest activity
 * first, each with the same badges as a party (their one topic's unread and mention counts).
 */
export function DirectRailSection({ onNavigate }: { onNavigate?: () => void }) {
  const me = useAppSelector(selectCurrentUser);
  const { data: conversations = [] } = useGetConversationsQuery();
  const badges = useBadges();
  const activeId = useMatch('/direct/:partyId')?.params.partyId;
  const picker = useDisclosure();

  return (
    <VStack as="section" aria-labelledby="direct-heading" spacing="2" w="full" data-testid="direct-section">
      <Text
        id="direct-heading"
        fontSize="2xs"
        fontWeight="bold"
        color="fg.muted"
        textAlign="center"
        lineHeight="short"
      >
        <VisuallyHidden>Direct messages</VisuallyHidden>
        <span aria-hidden>DMs</span>
      </Text>
      <Tooltip label="New message" placement="right">
        <IconButton
          aria-label="New message"
          icon={<NewMessageIcon boxSize="5" />}
          isRound
          size="lg"
          variant="outline"
          onClick={picker.onOpen}
          data-testid="new-message"
        />
      </Tooltip>
      <VStack as="ul" listStyleType="none" spacing="2" aria-label="Conversations">
        {conversations.map((c) => {
          const title = conversationTitle(c, me?.id);
          const { unread, mentions, hasUnread } = badges.parties[c.id] ?? noBadges();
          const said = badgeLabel(mentions, unread);
          const active = c.id === activeId;
          return (
            <Box as="li" key={c.id}>
              <Tooltip label={title} placement="right" openDelay={300}>
                <Box position="relative">
                  <RailPill active={active} hasUnread={hasUnread} />
                  <Box
                    as={NavLink}
                    to={`/direct/${c.id}`}
                    aria-current={active ? 'page' : undefined}
                    onClick={onNavigate}
                    display="block"
                    borderRadius={active ? 'xl' : 'full'}
                    transition="border-radius .15s"
                    _hover={{ borderRadius: 'xl' }}
                    data-testid="direct-link"
                  >
                    <VisuallyHidden>{said ? `${title}, ${said}` : title}</VisuallyHidden>
                    <ConversationAvatar conversation={c} meId={me?.id} />
                  </Box>
                  <RailBadge mentions={mentions} unread={unread} testIdPrefix="direct" />
                </Box>
              </Tooltip>
            </Box>
          );
        })}
      </VStack>
      <Divider w="8" borderColor="border" />
      <NewMessageModal isOpen={picker.isOpen} onClose={picker.onClose} onStarted={onNavigate} />
    </VStack>
  );
}
