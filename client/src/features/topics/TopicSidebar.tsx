import {
  Badge,
  Box,
  Flex,
  HStack,
  IconButton,
  Menu,
  MenuButton,
  MenuDivider,
  MenuItem,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  useDisclosure,
  useToast,
} from '@chakra-ui/react';
import { useState } from 'react';
import { PARTY_NAME_MAX, TOPIC_NAME_MAX } from '@partyline/contracts/limits';
import { NavLink, useNavigate } from 'react-router-dom';

import { errorMessage } from '../../api/apiSlice';
import type { Party, Topic } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MenuList } from '../../components/MenuList';
import { BellOffIcon, ChevronDownIcon, HashIcon, MoreIcon, PlusIcon } from '../../components/icons';
import { NameModal } from '../../components/NameModal';
import { InviteModal } from '../invites/InviteModal';
import { ManagePartyModal } from '../parties/ManagePartyModal';
import { canManageParty } from '../members/membersApi';
import { useDeletePartyMutation, useLeavePartyMutation, useRenamePartyMutation } from '../parties/partiesApi';
import {
  DesktopNotificationsItem,
  PartyNotificationOptions,
  TopicNotificationOptions,
} from '../notifications/NotificationOptions';
import { effectiveLevel } from '../notifications/levels';
import { useGetNotificationSettingsQuery } from '../notifications/notificationsApi';
import { badgeLabel, MENTION_BADGE, UNREAD_BADGE } from '../unread/badges';
import { badgeText } from '../unread/unreadLogic';
import { useBadges } from '../unread/useBadges';
import {
  useCreateTopicMutation,
  useDeleteTopicMutation,
  useGetTopicsQuery,
  useRenameTopicMutation,
} from './topicsApi';

interface Props {
  party: Party;
  activeTopicId: string | undefined;
  onNavigate?: () => void;
}

type Dialog =
  | { kind: 'renameParty' }
  | { kind: 'deleteParty' }
  | { kind: 'leaveParty' }
  | { kind: 'createTopic' }
  | { kind: 'renameTopic'; topic: Topic }
  | { kind: 'deleteTopic'; topic: Topic }
  | null;

export function TopicSidebar({ party, activeTopicId, onNavigate }: Props) {
  const { data: topics, isLoading } = useGetTopicsQuery(party.id);
  const badges = useBadges();
  const { data: settings } = useGetNotificationSettingsQuery();
  const invite = useDisclosure();
  const manage = useDisclosure();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const navigate = useNavigate();
  const toast = useToast();
  const [renameParty] = useRenamePartyMutation();
  const [deleteParty] = useDeletePartyMutation();
  const [leaveParty] = useLeavePartyMutation();
  const [createTopic] = useCreateTopicMutation();
  const [renameTopic] = useRenameTopicMutation();
  const [deleteTopic] = useDeleteTopicMutation();
  const canManage = canManageParty(party.myRole);
  const isOwner = party.myRole === 'owner';

  const guarded = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (err) {
      toast({ status: 'error', title: errorMessage(err) });
      throw err;
    }
  };

  return (
    <Flex
      direction="column"
      // In the phone drawer it shares the width with the party rail: take what is left, never more.
      w={{ base: 'auto', md: '240px' }}
      flex={{ base: '1', md: 'none' }}
      minW={0}
      flexShrink={0}
      h="100%"
      bg="bg.sidebar"
      borderRightWidth="1px"
      borderColor="border"
    >
      <Menu placement="bottom">
        <MenuButton
          as={Box}
          role="button"
          tabIndex={0}
          px="4"
          h="14"
          display="flex"
          alignItems="center"
          borderBottomWidth="1px"
          borderColor="border"
          cursor="pointer"
          _hover={{ bg: 'bg.hover' }}
          aria-label={`${party.name} menu`}
          sx={{ '& > span': { width: '100%', minWidth: 0 } }}
          data-testid="party-menu"
        >
          <HStack justify="space-between" w="full">
            <Text fontWeight="bold" noOfLines={1}>
              {party.name}
            </Text>
            <ChevronDownIcon />
          </HStack>
        </MenuButton>
        <MenuList>
          {canManage && <MenuItem onClick={invite.onOpen}>Invite people</MenuItem>}
          {canManage && <MenuItem onClick={() => setDialog({ kind: 'createTopic' })}>Create topic</MenuItem>}
          {canManage && <MenuItem onClick={() => setDialog({ kind: 'renameParty' })}>Rename party</MenuItem>}
          {canManage && <MenuItem onClick={manage.onOpen}>Invites and bans</MenuItem>}
          {canManage && <MenuDivider />}
          <PartyNotificationOptions partyId={party.id} />
          <DesktopNotificationsItem />
          <MenuDivider />
          {!isOwner && (
            <MenuItem color="fg.danger" onClick={() => setDialog({ kind: 'leaveParty' })}>
              Leave party
            </MenuItem>
          )}
          {isOwner && (
            <MenuItem color="fg.danger" onClick={() => setDialog({ kind: 'deleteParty' })}>
              Delete party
            </MenuItem>
          )}
        </MenuList>
      </Menu>

      <Box flex="1" overflowY="auto" py="3" as="nav" aria-label="Topics">
        <HStack px="4" mb="1" justify="space-between">
          <Text
            fontSize="xs"
            fontWeight="bold"
            textTransform="uppercase"
            color="fg.subtle"
            letterSpacing="wide"
          >
            Topics
          </Text>
          {canManage && (
            <Tooltip label="Create topic">
              <IconButton
                aria-label="Create topic"
                icon={<PlusIcon />}
                size="xs"
                variant="ghost"
                onClick={() => setDialog({ kind: 'createTopic' })}
              />
            </Tooltip>
          )}
        </HStack>
        {isLoading && (
          <Stack px="4" spacing="2">
            <Skeleton h="6" />
            <Skeleton h="6" />
          </Stack>
        )}
        {topics?.map((t) => {
          const b = badges.topics[t.id];
          const count = b?.unread ?? 0;
          const mentions = b?.mentions ?? 0;
          const hasUnread = b?.hasUnread ?? false;
          const muted = effectiveLevel(settings, party.id, t.id, b?.level) === 'none';
          const said = [badgeLabel(mentions, count), muted ? 'muted' : ''].filter(Boolean).join(', ');
          const active = t.id === activeTopicId;
          return (
            <HStack
              key={t.id}
              role="group"
              mx="2"
              borderRadius="md"
              bg={active ? 'bg.active' : undefined}
              _hover={{ bg: active ? 'bg.active' : 'bg.hover' }}
              spacing="0"
            >
              <HStack
                as={NavLink}
                to={`/parties/${party.id}/topics/${t.id}`}
                onClick={onNavigate}
                flex="1"
                minW={0}
                px="2"
                py="1.5"
                spacing="1.5"
                borderRadius="md"
                aria-current={active ? 'page' : undefined}
                aria-label={said ? `${t.name}, ${said}` : t.name}
                color={active || hasUnread ? undefined : 'fg.muted'}
                fontWeight={hasUnread ? 'bold' : active ? 'semibold' : 'normal'}
                data-testid="topic-link"
              >
                <HashIcon boxSize="4" color="fg.subtle" />
                <Text noOfLines={1} flex="1" fontSize="sm">
                  {t.name}
                </Text>
                {muted && (
                  <BellOffIcon boxSize="3.5" color="fg.subtle" aria-hidden data-testid="topic-muted" />
                )}
                {(mentions > 0 || count > 0) && (
                  <Badge
                    {...(mentions > 0 ? MENTION_BADGE : UNREAD_BADGE)}
                    variant="solid"
                    borderRadius="full"
                    fontSize="2xs"
                    data-testid={mentions > 0 ? 'topic-mention-badge' : 'topic-unread-badge'}
                    aria-hidden
                  >
                    {mentions > 0 ? `@${badgeText(mentions)}` : badgeText(count)}
                  </Badge>
                )}
              </HStack>
              <Menu isLazy placement="bottom-end">
                <MenuButton
                  as={IconButton}
                  aria-label={`Options for ${t.name}`}
                  icon={<MoreIcon />}
                  size="xs"
                  variant="ghost"
                  opacity={0}
                  _groupHover={{ opacity: 1 }}
                  _focus={{ opacity: 1 }}
                  _expanded={{ opacity: 1 }}
                  // No hover on touch screens: the button is always there.
                  sx={{ '@media (hover: none)': { opacity: 1 } }}
                />
                <MenuList fontSize="sm">
                  <TopicNotificationOptions partyId={party.id} topicId={t.id} />
                  {canManage && <MenuDivider />}
                  {canManage && (
                    <MenuItem onClick={() => setDialog({ kind: 'renameTopic', topic: t })}>
                      Rename topic
                    </MenuItem>
                  )}
                  {canManage && (
                    <MenuItem color="fg.danger" onClick={() => setDialog({ kind: 'deleteTopic', topic: t })}>
                      Delete topic
                    </MenuItem>
                  )}
                </MenuList>
              </Menu>
            </HStack>
          );
        })}
      </Box>

      <InviteModal party={party} isOpen={invite.isOpen} onClose={invite.onClose} />
      <ManagePartyModal party={party} isOpen={manage.isOpen} onClose={manage.onClose} />
      <NameModal
        isOpen={dialog?.kind === 'createTopic'}
        onClose={close}
        title="Create a topic"
        label="Topic name"
        maxLength={TOPIC_NAME_MAX}
        helper="Topics keep conversations apart: #general, #random, #planning…"
        submitLabel="Create topic"
        onSubmit={async (name) => {
          const topic = await createTopic({ partyId: party.id, name }).unwrap();
          navigate(`/parties/${party.id}/topics/${topic.id}`);
        }}
      />
      <NameModal
        isOpen={dialog?.kind === 'renameTopic'}
        onClose={close}
        title="Rename topic"
        label="Topic name"
        maxLength={TOPIC_NAME_MAX}
        submitLabel="Save"
        initialValue={dialog?.kind === 'renameTopic' ? dialog.topic.name : ''}
        onSubmit={(name) =>
          dialog?.kind === 'renameTopic'
            ? renameTopic({ partyId: party.id, topicId: dialog.topic.id, name }).unwrap()
            : Promise.resolve()
        }
      />
      <NameModal
        isOpen={dialog?.kind === 'renameParty'}
        onClose={close}
        title="Rename party"
        label="Party name"
        maxLength={PARTY_NAME_MAX}
        submitLabel="Save"
        initialValue={party.name}
        onSubmit={(name) => renameParty({ partyId: party.id, name }).unwrap()}
      />
      <ConfirmDialog
        isOpen={dialog?.kind === 'deleteTopic'}
        onClose={close}
        title="Delete topic"
        confirmLabel="Delete topic"
        onConfirm={guarded(async () => {
          if (dialog?.kind !== 'deleteTopic') return;
          await deleteTopic({ partyId: party.id, topicId: dialog.topic.id }).unwrap();
          if (dialog.topic.id === activeTopicId) navigate(`/parties/${party.id}`);
        })}
      >
        Delete <b>#{dialog?.kind === 'deleteTopic' ? dialog.topic.name : ''}</b> and all of its messages? This
        cannot be undone.
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={dialog?.kind === 'deleteParty'}
        onClose={close}
        title="Delete party"
        confirmLabel="Delete party"
        onConfirm={guarded(async () => {
          await deleteParty(party.id).unwrap();
          navigate('/');
        })}
      >
        Delete <b>{party.name}</b> for everyone, with all its topics and messages? This cannot be undone.
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={dialog?.kind === 'leaveParty'}
        onClose={close}
        title="Leave party"
        confirmLabel="Leave party"
        onConfirm={guarded(async () => {
          await leaveParty(party.id).unwrap();
          navigate('/');
        })}
      >
        Leave <b>{party.name}</b>? You will need a new invite to come back.
      </ConfirmDialog>
    </Flex>
  );
}
