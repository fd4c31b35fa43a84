import {
  ColorModeProvider,
  CSSReset,
  EnvironmentProvider,
  GlobalStyle,
  ThemeProvider as ChakraThemeProvider,
} from '@chakra-ui/react';
import { lazy, Suspense, type ReactNode } from 'react';

import { theme } from './theme';

const Toasts = lazy(() => import('./Toasts'));

/**
 * What ChakraProvider does, with the toast region loaded lazily: ChakraProvider imports it (and with it
 * framer-motion, ~35 kB gzipped) up front. `useToast` works before the region has loaded, since the toasts
 * wait in Chakra's store until it renders them.
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <ChakraThemeProvider theme={theme}>
      <ColorModeProvider options={theme.config}>
        <CSSReset />
        <GlobalStyle />
        <EnvironmentProvider>{children}</EnvironmentProvider>
        <Suspense fallback={null}>
          <Toasts />
        </Suspense>
      </ColorModeProvider>
    </ChakraThemeProvider>
  );
}
