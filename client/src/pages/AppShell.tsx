import {
  Box,
  Drawer,
  DrawerBody,
  DrawerContent,
  DrawerOverlay,
  Flex,
  useBreakpointValue,
  useDisclosure,
} from '@chakra-ui/react';
import { useEffect, useMemo, useRef } from 'react';
import { Navigate, Outlet, useLocation, useMatch } from 'react-router-dom';

import { SkipLink } from '../components/SkipLink';
import { useGetConversationsQuery } from '../features/direct/directApi';
import { DirectSidebar } from '../features/direct/DirectSidebar';
import { PartyRail } from '../features/parties/PartyRail';
import { NotificationPrompt } from '../features/notifications/NotificationPrompt';
import { useDesktopNotifications } from '../features/notifications/useDesktopNotifications';
import { useMentionTitle } from '../features/notifications/useMentionTitle';
import { ProfileCardHost } from '../features/profile/ProfileCardHost';
import { useMyProfileFollowsServer } from '../features/profile/useMyProfileFollowsServer';
import { QuickSwitcher } from '../features/parties/QuickSwitcher';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { TopicSidebar } from '../features/topics/TopicSidebar';
import { useBadges } from '../features/unread/useBadges';
import { ConnectionBanner } from '../socket/ConnectionBanner';
import { useRealtime, useTokenRefresh } from '../socket/useRealtime';
import { DeadEnd } from './DeadEnd';
import { ShellContext } from './shellContext';

/** Signed-in layout: party rail, topic sidebar, and the routed content; a drawer holds the first two on phones. */
export function AppShell() {
  useRealtime();
  useTokenRefresh();
  useDesktopNotifications();
  // Here, not in the account menu: on a phone the menu is in a drawer, unmounted while it is closed.
  useMyProfileFollowsServer();
  const { totalMentions } = useBadges();
  useMentionTitle(totalMentions);
  const isDesktop = useBreakpointValue({ base: false, md: true }, { ssr: false }) ?? true;
  const nav = useDisclosure();
  const switcher = useDisclosure();
  const drawerStart = useRef<HTMLDivElement>(null);
  const { onClose: closeNav } = nav;
  const { onOpen: openSwitcher } = switcher;
  // Ctrl/Cmd+K anywhere in the app opens the quick switcher.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        closeNav();
        openSwitcher();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeNav, openSwitcher]);
  const partyId = useMatch('/parties/:partyId/*')?.params.partyId;
  const topicId = useMatch('/parties/:partyId/topics/:topicId')?.params.topicId;
  const { data: parties } = useGetPartiesQuery();
  const party = parties?.find((p) => p.id === partyId);
  // A message's address is /parties/<partyId>/topics/…; for a direct conversation that is its own page.
  const { data: conversations, isLoading: conversationsLoading } = useGetConversationsQuery();
  const conversation = partyId ? conversations?.find((c) => c.id === partyId) : undefined;
  const { search } = useLocation();
  const directId = useMatch('/direct/:partyId')?.params.partyId;
  const inDirect = useMatch('/direct/*') !== null;
  const shell = useMemo(() => ({ isDesktop, openNav: nav.onOpen }), [isDesktop, nav.onOpen]);

  return (
    <ShellContext.Provider value={shell}>
      <ProfileCardHost>
        <SkipLink />
        <Flex direction="column" h="100dvh" overflow="hidden">
          <ConnectionBanner />
          <NotificationPrompt show={totalMentions > 0} />
          <Flex flex="1" minH={0}>
            {isDesktop && <PartyRail />}
            {isDesktop && party && <TopicSidebar party={party} activeTopicId={topicId} />}
            {isDesktop && inDirect && <DirectSidebar activeId={directId} />}
            <Box as="main" flex="1" minW={0} display="flex" flexDir="column">
              {conversation ? (
                <Navigate to={`/direct/${conversation.id}${search}`} replace />
              ) : partyId && parties && !party && !conversationsLoading ? (
                <DeadEnd
                  title="This party isn’t available"
                  body="It doesn’t exist, or you are no longer a member. Ask for a new invite to come back."
                  to="/"
                  action="Go to your parties"
                />
              ) : (
                <Outlet />
              )}
            </Box>
          </Flex>
        </Flex>
        {!isDesktop && (
          // Focus moves into the drawer (so Escape, which Chakra handles inside it, closes it) and back after.
          <Drawer
            isOpen={nav.isOpen}
            onClose={nav.onClose}
            placement="left"
            size="xs"
            initialFocusRef={drawerStart}
          >
            <DrawerOverlay />
            <DrawerContent maxW="min(320px, 88vw)" aria-label="Navigation">
              <DrawerBody
                p="0"
                display="flex"
                overflow="hidden"
                ref={drawerStart}
                tabIndex={-1}
                outline="none"
              >
                <PartyRail onNavigate={nav.onClose} />
                {party && <TopicSidebar party={party} activeTopicId={topicId} onNavigate={nav.onClose} />}
                {inDirect && <DirectSidebar activeId={directId} onNavigate={nav.onClose} />}
              </DrawerBody>
            </DrawerContent>
          </Drawer>
        )}
        <QuickSwitcher isOpen={switcher.isOpen} onClose={switcher.onClose} />
      </ProfileCardHost>
    </ShellContext.Provider>
  );
}
