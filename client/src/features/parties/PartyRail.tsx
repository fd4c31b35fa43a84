import { Avatar, Box, IconButton, Tooltip, useDisclosure, VisuallyHidden, VStack } from '@chakra-ui/react';
import { PARTY_NAME_MAX } from '@partyline/contracts/limits';
import { NavLink, useNavigate, useParams } from 'react-router-dom';

import { PlusIcon } from '../../components/icons';
import { partyInitials } from '../../components/partyInitials';
import { NameModal } from '../../components/NameModal';
import { UserMenu } from '../auth/UserMenu';
import { DirectRailSection } from '../direct/DirectRailSection';
import { badgeLabel, noBadges } from '../unread/badges';
import { useBadges } from '../unread/useBadges';
import { useCreatePartyMutation, useGetPartiesQuery } from './partiesApi';
import { RailBadge, RailPill } from './RailBadge';

export function useCreatePartyModal() {
  const disclosure = useDisclosure();
  const navigate = useNavigate();
  const [createParty] = useCreatePartyMutation();
  const modal = (
    <NameModal
      isOpen={disclosure.isOpen}
      onClose={disclosure.onClose}
      title="Create a party"
      label="Party name"
      maxLength={PARTY_NAME_MAX}
      helper="A party is a place for a group: friends, a team, a club. You can rename it later."
      submitLabel="Create party"
      onSubmit={async (name) => {
        const party = await createParty({ name }).unwrap();
        navigate(`/parties/${party.id}`);
      }}
    />
  );
  return { open: disclosure.onOpen, modal };
}

/**
 * The left rail: my direct conversations first (with the "New message" button), then one round button per
 * party; a red "@N" for mentions of me, else a grey count of unread messages (topics heard at "All
 * messages"), and the side pill for anything unread that is not muted.
 */
export function PartyRail({ onNavigate }: { onNavigate?: () => void }) {
  const { partyId } = useParams();
  const { data: parties = [] } = useGetPartiesQuery();
  const badges = useBadges();
  const create = useCreatePartyModal();

  return (
    <VStack
      as="nav"
      aria-label="Parties"
      w="72px"
      flexShrink={0}
      h="100%"
      bg="bg.rail"
      py="3"
      spacing="2"
      overflowY="auto"
    >
      <DirectRailSection onNavigate={onNavigate} />
      {parties.map((p) => {
        const { unread: count, mentions, hasUnread } = badges.parties[p.id] ?? noBadges();
        const active = p.id === partyId;
        const said = badgeLabel(mentions, count);
        const label = said ? `${p.name}, ${said}` : p.name;
        return (
          <Tooltip key={p.id} label={p.name} placement="right" openDelay={300}>
            <Box position="relative">
              <RailPill active={active} hasUnread={hasUnread} />
              <Box
                as={NavLink}
                to={`/parties/${p.id}`}
                aria-current={active ? 'page' : undefined}
                onClick={onNavigate}
                display="block"
                borderRadius={active ? 'xl' : 'full'}
                transition="border-radius .15s"
                _hover={{ borderRadius: 'xl' }}
                data-testid="party-link"
              >
                <VisuallyHidden>{label}</VisuallyHidden>
                <Avatar
                  aria-hidden
                  name={p.name}
                  size="md"
                  borderRadius="inherit"
                  bg={active ? 'brand.600' : 'gray.600'}
                  color="white"
                  getInitials={partyInitials}
                />
              </Box>
              <RailBadge mentions={mentions} unread={count} testIdPrefix="party" />
            </Box>
          </Tooltip>
        );
      })}
      <Tooltip label="Create a party" placement="right">
        <IconButton
          aria-label="Create a party"
          icon={<PlusIcon boxSize="5" />}
          isRound
          size="lg"
          variant="outline"
          colorScheme="green"
          onClick={create.open}
        />
      </Tooltip>
      <Box flex="1" />
      <UserMenu />
      {create.modal}
    </VStack>
  );
}
