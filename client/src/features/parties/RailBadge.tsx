import { Box } from '@chakra-ui/react';

import { MENTION_BADGE, UNREAD_BADGE } from '../unread/badges';
import { badgeText } from '../unread/unreadLogic';

/**
 * The pill at the corner of a rail button: a red "@N" for mentions of me, else a grey count of unread
 * messages; nothing when there are neither. Screen readers hear the button's own label instead.
 */
export function RailBadge({
  mentions,
  unread,
  testIdPrefix,
}: {
  mentions: number;
  unread: number;
  testIdPrefix: string;
}) {
  if (mentions === 0 && unread === 0) return null;
  return (
    <Box
      h="5"
      minW="5"
      px="1"
      display="flex"
      alignItems="center"
      justifyContent="center"
      borderRadius="full"
      {...(mentions > 0 ? MENTION_BADGE : UNREAD_BADGE)}
      fontSize="2xs"
      fontWeight="bold"
      position="absolute"
      bottom="-1"
      right="-1"
      border="2px solid"
      borderColor="bg.rail"
      aria-hidden
      data-testid={mentions > 0 ? `${testIdPrefix}-mention-badge` : `${testIdPrefix}-unread-badge`}
    >
      {mentions > 0 ? `@${badgeText(mentions)}` : badgeText(unread)}
    </Box>
  );
}

/** The bar at the rail's edge: tall for the open item, a dot for one with anything unread. */
export function RailPill({ active, hasUnread }: { active: boolean; hasUnread: boolean }) {
  return (
    <Box
      position="absolute"
      left="-3"
      top="50%"
      transform="translateY(-50%)"
      w="1"
      h={active ? '8' : hasUnread ? '2' : '0'}
      bg="fg.muted"
      borderRightRadius="full"
      transition="height .15s"
    />
  );
}
