import { Button, Center, Heading, Stack, Text } from '@chakra-ui/react';
import { Link as RouterLink, type RouteObject } from 'react-router-dom';

import { RequireAuth } from '../features/auth/RequireAuth';
import { SignInPage } from '../features/auth/SignInPage';
import { InvitePage } from '../features/invites/InvitePage';
import { AppShell } from './AppShell';
import { HomePage } from './HomePage';
import { PartyIndex } from './PartyIndex';
import { TopicView } from './TopicView';

function NotFound() {
  return (
    <Center h="100%">
      <Stack align="center" spacing="3">
        <Heading size="md">Page not found</Heading>
        <Text color="fg.muted">There is nothing at this address.</Text>
        <Button as={RouterLink} to="/">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}

export const routes: RouteObject[] = [
  { path: '/signin', element: <SignInPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/invite/:code', element: <InvitePage /> },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: '/parties/:partyId', element: <PartyIndex /> },
          { path: '/parties/:partyId/topics/:topicId', element: <TopicView /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFound /> },
];
