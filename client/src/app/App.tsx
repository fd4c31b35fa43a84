import { useState } from 'react';
import { Provider } from 'react-redux';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';

import { useSilentRefresh } from '../features/auth/useSilentRefresh';
import { preloadPagesFor, routes } from './router';
import type { AppStore } from './store';
import { ThemeProvider } from './ThemeProvider';

/** The providers around the routed pages: store, theme, router. The colour mode is set by /color-mode.js. */
export function App({ store }: { store: AppStore }) {
  const [router] = useState(() => {
    preloadPagesFor(window.location.pathname);
    return createBrowserRouter(routes);
  });
  useSilentRefresh(store);
  return (
    <Provider store={store}>
      <ThemeProvider>
        <RouterProvider router={router} />
      </ThemeProvider>
    </Provider>
  );
}
