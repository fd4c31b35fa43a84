import { ChakraProvider, ColorModeScript } from '@chakra-ui/react';
import { useState } from 'react';
import { Provider } from 'react-redux';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';

import { useSilentRefresh } from '../features/auth/useSilentRefresh';
import { routes } from './router';
import type { AppStore } from './store';
import { theme } from './theme';

/** The providers around the routed pages: store, theme, router. */
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
