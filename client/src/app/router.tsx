import type { RouteObject } from 'react-router-dom';

import { RequireAuth } from '../features/auth/RequireAuth';
import { AppShell } from '../pages/AppShell';
import { HomePage } from '../pages/HomePage';
import { InvitePage } from '../pages/InvitePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PartyIndex } from '../pages/PartyIndex';
import { SignInPage } from '../pages/SignInPage';
import { TopicView } from '../pages/TopicView';

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
  { path: '*', element: <NotFoundPage /> },
];
