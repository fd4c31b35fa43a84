import {
  Avatar,
  AvatarBadge,
  Box,
  HStack,
  IconButton,
  Menu,
  MenuButton,
  MenuDivider,
  MenuItem,
  Skeleton,
  Stack,
  Text,
  useToast,
} from '@chakra-ui/react';
import { useEffect, useMemo, useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Member, Party, Role } from '../../api/types';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MenuList } from '../../components/MenuList';
import { MoreIcon } from '../../components/icons';
import { selectConnectionEpoch } from '../../socket/connectionSlice';
import { emitWithAck } from '../../socket/socketClient';
import { selectCurrentUser } from '../auth/authSlice';
import { presenceListed, selectPartyPresence } from '../presence/presenceSlice';
import { ProfileCard } from '../profile/ProfileCard';
import { BanDialog } from './BanDialog';
import {
  memberPermissions,
  ROLE_RANK,
  useChangeRoleMutation,
  useGetMembersQuery,
  useRemoveMemberMutation,
} from './membersApi';

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** Asks the server who is online in this party now and after every reconnect; `presence` events keep it fresh. */
function usePresence(partyId: string) {
  const dispatch = useAppDispatch();
  const epoch = useAppSelector(selectConnectionEpoch);
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    emitWithAck('presence:list', { partyId })
      .then((reply) => {
        if (live && reply.ok) dispatch(presenceListed({ partyId, online: reply.online }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [partyId, epoch, dispatch]);
  return useAppSelector((s) => selectPartyPresence(s, partyId));
}

export function MemberList({ party }: { party: Party }) {
  const { data: members, isLoading } = useGetMembersQuery(party.id);
  const online = usePresence(party.id);
  const me = useAppSelector(selectCurrentUser);
  const meId = me?.id;

  const groups = useMemo(() => {
    const sorted = [...(members ?? [])].sort(
      (a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.displayName.localeCompare(b.displayName),
    );
    // I am online whenever I am looking at this list.
    const isOnline = (m: Member) => m.userId === meId || online?.[m.userId] === true;
    return {
      online: sorted.filter(isOnline),
      offline: sorted.filter((m) => !isOnline(m)),
    };
  }, [members, online, meId]);

  return (
    <Box
      as="aside"
      aria-label="Members"
      w="240px"
      flexShrink={0}
      h="100%"
      overflowY="auto"
      bg="bg.sidebar"
      borderLeftWidth="1px"
      borderColor="border"
      py="4"
    >
      {isLoading && (
        <Stack px="4">
          <Skeleton h="8" />
          <Skeleton h="8" />
        </Stack>
      )}
      {(['online', 'offline'] as const).map((key) =>
        groups[key].length === 0 ? null : (
          <Box key={key} mb="4">
            <Text
              px="4"
              mb="1"
              fontSize="xs"
              fontWeight="bold"
              textTransform="uppercase"
              color="fg.subtle"
              letterSpacing="wide"
            >
              {key === 'online' ? 'Online' : 'Offline'} — {groups[key].length}
            </Text>
            <Stack as="ul" spacing="0" listStyleType="none" data-testid={`members-${key}`}>
              {groups[key].map((m) => (
                <MemberRow key={m.userId} member={m} party={party} meId={meId} online={key === 'online'} />
              ))}
            </Stack>
          </Box>
        ),
      )}
    </Box>
  );
}

function MemberRow({
  member,
  party,
  meId,
  online,
}: {
  member: Member;
  party: Party;
  meId: string | undefined;
  online: boolean;
}) {
  const { canRemove, canChangeRole } = memberPermissions(party.myRole, meId, member);
  const [changeRole] = useChangeRoleMutation();
  const [removeMember] = useRemoveMemberMutation();
  const [dialog, setDialog] = useState<'transfer' | 'remove' | 'ban' | null>(null);
  const close = () => setDialog(null);
  const toast = useToast();
  const run = (p: Promise<unknown>, done: string) =>
    p.then(
      () => toast({ status: 'success', title: done, duration: 2500 }),
      (err: unknown) => {
        toast({ status: 'error', title: errorMessage(err) });
        throw err;
      },
    );
  const setRole = (role: Role) =>
    run(
      changeRole({ partyId: party.id, userId: member.userId, role }).unwrap(),
      `${member.displayName} is now ${ROLE_LABEL[role].toLowerCase()}`,
    );

  return (
    <HStack
      as="li"
      px="3"
      mx="2"
      py="1.5"
      borderRadius="md"
      _hover={{ bg: 'bg.hover' }}
      opacity={online ? 1 : 0.6}
      data-testid="member"
      data-online={online}
    >
      {/* Avatar and name are one button that opens the member's profile card. */}
      <ProfileCard partyId={party.id} userId={member.userId} placement="left-start">
        <HStack
          as="button"
          type="button"
          flex="1"
          minW={0}
          spacing="2"
          textAlign="start"
          borderRadius="md"
          data-testid="member-profile"
        >
          <Avatar size="sm" name={member.displayName} src={member.avatarUrl ?? undefined}>
            <AvatarBadge
              boxSize="1em"
              bg={online ? 'green.400' : 'gray.400'}
              borderColor="bg.sidebar"
              role="img"
              aria-label={online ? 'online' : 'offline'}
            />
          </Avatar>
          <Box flex="1" minW={0}>
            <Text fontSize="sm" noOfLines={1} fontWeight="medium">
              {member.displayName}
              {member.userId === meId && (
                <Text as="span" color="fg.subtle" fontWeight="normal">
                  {' '}
                  (you)
                </Text>
              )}
            </Text>
            {member.role !== 'member' && (
              <Text
                fontSize="2xs"
                color={member.role === 'owner' ? 'fg.owner' : 'fg.admin'}
                fontWeight="bold"
                textTransform="uppercase"
              >
                {ROLE_LABEL[member.role]}
              </Text>
            )}
          </Box>
        </HStack>
      </ProfileCard>
      {(canRemove || canChangeRole) && (
        <Menu isLazy placement="left-start">
          <MenuButton
            as={IconButton}
            aria-label={`Manage ${member.displayName}`}
            icon={<MoreIcon />}
            size="xs"
            variant="ghost"
          />
          <MenuList fontSize="sm">
            {canChangeRole && member.role !== 'admin' && (
              <MenuItem onClick={() => setRole('admin')}>Make admin</MenuItem>
            )}
            {canChangeRole && member.role !== 'member' && (
              <MenuItem onClick={() => setRole('member')}>Make member</MenuItem>
            )}
            {canChangeRole && <MenuItem onClick={() => setDialog('transfer')}>Transfer ownership</MenuItem>}
            {canChangeRole && canRemove && <MenuDivider />}
            {canRemove && (
              <MenuItem color="fg.danger" onClick={() => setDialog('remove')}>
                Remove from party
              </MenuItem>
            )}
            {canRemove && (
              <MenuItem color="fg.danger" onClick={() => setDialog('ban')}>
                Ban from party
              </MenuItem>
            )}
          </MenuList>
        </Menu>
      )}
      <ConfirmDialog
        isOpen={dialog === 'transfer'}
        onClose={close}
        title="Transfer ownership"
        confirmLabel="Make owner"
        onConfirm={() => setRole('owner')}
      >
        Make <b>{member.displayName}</b> the owner of <b>{party.name}</b>? You will become an admin.
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={dialog === 'remove'}
        onClose={close}
        title="Remove member"
        confirmLabel="Remove"
        onConfirm={() =>
          run(
            removeMember({ partyId: party.id, userId: member.userId }).unwrap(),
            `${member.displayName} was removed`,
          )
        }
      >
        Remove <b>{member.displayName}</b> from <b>{party.name}</b>? They can come back with an invite.
      </ConfirmDialog>
      {dialog === 'ban' && <BanDialog party={party} member={member} onClose={close} />}
    </HStack>
  );
}
