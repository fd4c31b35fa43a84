// The card a click on a member or a message author opens: who they are in this party, and a way to write
// to them. A Chakra Popover: its trigger is a button (Tab reaches it, Enter opens), Escape closes and
// gives the focus back to the trigger.
import {
  Avatar,
  Badge,
  Box,
  Button,
  HStack,
  Popover,
  PopoverArrow,
  PopoverBody,
  PopoverContent,
  PopoverTrigger,
  Portal,
  Stack,
  Text,
  type PlacementWithLogical,
} from '@chakra-ui/react';
import { forwardRef, useState, type ReactElement } from 'react';
import { useNavigate } from 'react-router-dom';

import type { PublicUser, Role } from '../../api/types';
import { useAppSelector } from '../../app/hooks';
import { selectCurrentUser } from '../auth/authSlice';
import { useGetMembersQuery } from '../members/membersApi';

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };
const ROLE_SCHEME: Record<Role, string> = { owner: 'yellow', admin: 'purple', member: 'gray' };
/** Chakra's `md` breakpoint: room for the card beside its trigger. */
export const WIDE = '(min-width: 48em)';
const joinedFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

interface ProfileCardProps {
  partyId: string;
  userId: string;
  /** What to show while (or if) the member list has no entry: a message's copy of its author. */
  fallback?: PublicUser | null;
  /** The trigger: a button (or something that forwards a ref and handles clicks). */
  children: ReactElement;
  placement?: PlacementWithLogical;
}

export function ProfileCard({
  partyId,
  userId,
  fallback,
  children,
  placement = 'right-start',
}: ProfileCardProps) {
  // A phone has no room beside a message: the card goes below its trigger. Read when it opens rather than
  // with useBreakpointValue: every message row has two of these cards, and a media-query listener each
  // (and a portal each) was most of the cost of rendering a page of history.
  const [where, setWhere] = useState<PlacementWithLogical>(placement);
  const onOpen = () => setWhere(window.matchMedia(WIDE).matches ? placement : 'bottom-start');
  return (
    <Popover isLazy placement={where} closeOnEsc returnFocusOnClose onOpen={onOpen}>
      {({ isOpen }) => (
        <>
          <PopoverTrigger>{children}</PopoverTrigger>
          {isOpen && <ProfileCardContent partyId={partyId} userId={userId} fallback={fallback ?? null} />}
        </>
      )}
    </Popover>
  );
}

/** The open card (inside a Popover): who they are, in a portal so no scrolling list clips it. */
export const ProfileCardContent = forwardRef<
  HTMLElement,
  { partyId: string; userId: string; fallback: PublicUser | null }
>(function ProfileCardContent({ partyId, userId, fallback }, ref) {
  return (
    <Portal>
      <PopoverContent
        ref={ref}
        w="280px"
        maxW="calc(100vw - 16px)"
        data-testid="profile-card"
        aria-label="Profile"
      >
        <PopoverArrow />
        <PopoverBody p="4">
          <ProfileCardBody partyId={partyId} userId={userId} fallback={fallback} />
        </PopoverBody>
      </PopoverContent>
    </Portal>
  );
});

function ProfileCardBody({
  partyId,
  userId,
  fallback,
}: {
  partyId: string;
  userId: string;
  fallback: PublicUser | null;
}) {
  const { data: members } = useGetMembersQuery(partyId);
  const member = members?.find((m) => m.userId === userId);
  const meId = useAppSelector(selectCurrentUser)?.id;
  const navigate = useNavigate();
  const displayName = member?.displayName ?? fallback?.displayName ?? 'Deleted user';
  const username = member ? member.username : (fallback?.username ?? null);
  const avatarUrl = member ? member.avatarUrl : (fallback?.avatarUrl ?? null);
  const deleted = member ? member.username === null : !fallback;
  return (
    <Stack spacing="3">
      <HStack spacing="3" align="center">
        <Avatar size="lg" name={displayName} src={avatarUrl ?? undefined} />
        <Box minW={0}>
          <Text fontWeight="bold" fontSize="lg" noOfLines={2} data-testid="profile-name">
            {displayName}
          </Text>
          {username && (
            <Text fontSize="sm" color="fg.muted" data-testid="profile-username">
              @{username}
            </Text>
          )}
        </Box>
      </HStack>
      {member ? (
        <Stack spacing="1" fontSize="sm">
          <HStack spacing="2">
            <Text color="fg.muted">Role</Text>
            <Badge colorScheme={ROLE_SCHEME[member.role]} data-testid="profile-role">
              {ROLE_LABEL[member.role]}
            </Badge>
          </HStack>
          <Text color="fg.muted">
            Joined{' '}
            <Text as="time" dateTime={member.joinedAt}>
              {joinedFormat.format(new Date(member.joinedAt))}
            </Text>
          </Text>
        </Stack>
      ) : (
        !deleted && (
          <Text fontSize="sm" color="fg.muted">
            No longer in this party.
          </Text>
        )
      )}
      {!deleted && userId !== meId && (
        <Button size="sm" colorScheme="brand" onClick={() => navigate(`/direct/with/${userId}`)}>
          Message
        </Button>
      )}
    </Stack>
  );
}
