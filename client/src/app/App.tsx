import { ChakraProvider, ColorModeScript } from '@chakra-ui/react';
import { useEffect, useState } from 'react';
import { Provider } from 'react-redux';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';

import { signedOut } from '../features/auth/authSlice';
import { refreshAccessToken } from '../features/auth/refresh';
import { routes } from './router';
import type { AppStore } from './store';
import { theme } from './theme';

/** Silent sign-in on load: the refresh cookie (if any) is traded for an access token held in memory. */
function useSilentRefresh(store: AppStore) {
  useEffect(() => {
    if (store.getState().auth.status !== 'unknown') return;
    void refreshAccessToken(store.dispatch).then((outcome) => {
      if (outcome !== 'refreshed' && store.getState().auth.status === 'unknown') store.dispatch(signedOut());
    });
  }, [store]);
}

export function App({ store }: { store: AppStore }) {
  const [router] = useState(() => createBrowserRouter(routes));
  useSilentRefresh(store);
  return (
    <Provider store={store}>
      <ColorModeScript initialColorMode={theme.config.initialColorMode} />
      <ChakraProvider theme={theme}>
        <RouterProvider router={router} />
      </ChakraProvider>
    </Provider>
  );
}
