import {
  Box,
  Center,
  Drawer,
  DrawerBody,
  DrawerContent,
  DrawerOverlay,
  Flex,
  useBreakpointValue,
  useDisclosure,
} from '@chakra-ui/react';
import { useMemo } from 'react';
import { Outlet, useMatch } from 'react-router-dom';

import { PartyRail } from '../features/parties/PartyRail';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { TopicSidebar } from '../features/topics/TopicSidebar';
import { ConnectionBanner } from '../socket/ConnectionBanner';
import { useRealtime, useTokenRefresh } from '../socket/useRealtime';
import { ShellContext } from './shellContext';

/** Signed-in layout: party rail, topic sidebar, and the routed content; a drawer holds the first two on phones. */
export function AppShell() {
  useRealtime();
  useTokenRefresh();
  const isDesktop = useBreakpointValue({ base: false, md: true }, { ssr: false }) ?? true;
  const nav = useDisclosure();
  const partyId = useMatch('/parties/:partyId/*')?.params.partyId;
  const topicId = useMatch('/parties/:partyId/topics/:topicId')?.params.topicId;
  const { data: parties } = useGetPartiesQuery();
  const party = parties?.find((p) => p.id === partyId);
  const shell = useMemo(() => ({ isDesktop, openNav: nav.onOpen }), [isDesktop, nav.onOpen]);

  return (
    <ShellContext.Provider value={shell}>
      <Flex direction="column" h="100dvh" overflow="hidden">
        <ConnectionBanner />
        <Flex flex="1" minH={0}>
          {isDesktop && <PartyRail />}
          {isDesktop && party && <TopicSidebar party={party} activeTopicId={topicId} />}
          <Box as="main" flex="1" minW={0} display="flex" flexDir="column">
            {partyId && parties && !party ? (
              <Center flex="1" flexDir="column" gap="2" p="6" textAlign="center" color="fg.muted">
                This party doesn’t exist or you are no longer a member.
              </Center>
            ) : (
              <Outlet />
            )}
          </Box>
        </Flex>
      </Flex>
      {!isDesktop && (
        <Drawer isOpen={nav.isOpen} onClose={nav.onClose} placement="left" size="xs" autoFocus={false}>
          <DrawerOverlay />
          <DrawerContent maxW="320px">
            <DrawerBody p="0" display="flex">
              <PartyRail onNavigate={nav.onClose} />
              {party && <TopicSidebar party={party} activeTopicId={topicId} onNavigate={nav.onClose} />}
            </DrawerBody>
          </DrawerContent>
        </Drawer>
      )}
    </ShellContext.Provider>
  );
}
