import { Center, Spinner } from '@chakra-ui/react';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';

import { RequireAuth } from '../features/auth/RequireAuth';

// Every screen is its own chunk, so the first load fetches only the code of the page it opens.
const pages = {
  signIn: () => import('../pages/SignInPage').then((m) => ({ default: m.SignInPage })),
  invite: () => import('../pages/InvitePage').then((m) => ({ default: m.InvitePage })),
  shell: () => import('../pages/AppShell').then((m) => ({ default: m.AppShell })),
  home: () => import('../pages/HomePage').then((m) => ({ default: m.HomePage })),
  party: () => import('../pages/PartyIndex').then((m) => ({ default: m.PartyIndex })),
  topic: () => import('../pages/TopicView').then((m) => ({ default: m.TopicView })),
  direct: () => import('../features/direct/DirectView').then((m) => ({ default: m.DirectView })),
  directWith: () => import('../features/direct/DirectWith').then((m) => ({ default: m.DirectWith })),
  notFound: () => import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
};
type PageName = keyof typeof pages;

const components: Record<PageName, ComponentType> = {
  signIn: lazy(pages.signIn),
  invite: lazy(pages.invite),
  shell: lazy(pages.shell),
  home: lazy(pages.home),
  party: lazy(pages.party),
  topic: lazy(pages.topic),
  direct: lazy(pages.direct),
  directWith: lazy(pages.directWith),
  notFound: lazy(pages.notFound),
};

const loading = (
  <Center h="100%" flex="1">
    <Spinner color="brand.500" label="Loading" />
  </Center>
);
const page = (name: PageName): ReactNode => {
  const Page = components[name];
  return (
    <Suspense fallback={loading}>
      <Page />
    </Suspense>
  );
};

/**
 * Starts fetching the chunks the current address will need at once, alongside the silent refresh, instead
 * of after it (React.lazy alone would wait until the page first renders).
 */
export function preloadPagesFor(pathname: string): void {
  const wanted: PageName[] = pathname.startsWith('/signin')
    ? ['signIn']
    : pathname.startsWith('/invite/')
      ? ['invite']
      : /^\/parties\/[^/]+\/topics\/[^/]+/.test(pathname)
        ? ['shell', 'topic']
        : pathname.startsWith('/parties/')
          ? ['shell', 'party', 'topic']
          : pathname.startsWith('/direct/')
            ? ['shell', 'direct']
            : pathname === '/'
              ? ['shell', 'home']
              : ['notFound'];
  for (const name of wanted) void pages[name]().catch(() => undefined);
}

export const routes: RouteObject[] = [
  { path: '/signin', element: page('signIn') },
  // A signed-out visitor sees which party invited them; joining asks them to sign in first.
  { path: '/invite/:code', element: page('invite') },
  {
    element: <RequireAuth />,
    children: [
      {
        element: page('shell'),
        children: [
          { index: true, element: page('home') },
          { path: '/parties/:partyId', element: page('party') },
          { path: '/parties/:partyId/topics/:topicId', element: page('topic') },
          // A conversation's id is its messages' partyId (see DirectView).
          { path: '/direct/:partyId', element: page('direct') },
          { path: '/direct/with/:userId', element: page('directWith') },
        ],
      },
    ],
  },
  { path: '*', element: page('notFound') },
];
