import { extendTheme, type ThemeConfig } from '@chakra-ui/react';
import { markdownGlobalStyles } from '../features/markdown/markdownStyles';
import { messageRowGlobalStyles } from '../features/messages/messageRowStyles';

const config: ThemeConfig = { initialColorMode: 'system', useSystemColorMode: false };

export const theme = extendTheme({
  config,
  fonts: {
    heading: `'Inter', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`,
    body: `'Inter', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`,
  },
  colors: {
    brand: {
      50: '#eef0ff',
      100: '#dfe2ff',
      200: '#c3c8fb',
      300: '#a2a8f4',
      400: '#8187ea',
      500: '#6366e0',
      600: '#5150c6',
      700: '#4240a0',
      800: '#35357d',
      900: '#2c2c63',
    },
  },
  semanticTokens: {
    colors: {
      'bg.app': { default: 'white', _dark: 'gray.900' },
      'bg.rail': { default: 'gray.100', _dark: '#0f1117' },
      'bg.sidebar': { default: 'gray.50', _dark: '#161922' },
      'bg.hover': { default: 'blackAlpha.50', _dark: 'whiteAlpha.100' },
      'bg.active': { default: 'brand.50', _dark: 'whiteAlpha.200' },
      // Every text colour here meets WCAG AA (4.5:1) on the app, sidebar and hover backgrounds.
      'fg.muted': { default: 'gray.600', _dark: 'gray.400' },
      'fg.subtle': { default: 'gray.600', _dark: 'gray.400' },
      'fg.danger': { default: 'red.600', _dark: 'red.300' },
      'fg.link': { default: 'brand.600', _dark: 'brand.300' },
      'fg.owner': { default: 'orange.700', _dark: 'orange.300' },
      'fg.admin': { default: 'brand.600', _dark: 'brand.300' },
      border: { default: 'gray.200', _dark: 'whiteAlpha.200' },
    },
  },
  styles: {
    global: {
      'html, body, #root': { height: '100%' },
      body: { bg: 'bg.app' },
      // A visible keyboard focus ring everywhere, without showing it on mouse clicks.
      ':focus-visible': { outline: '2px solid', outlineColor: 'brand.400', outlineOffset: '2px' },
      ...markdownGlobalStyles,
      ...messageRowGlobalStyles,
    },
  },
  components: {
    Button: {
      defaultProps: { colorScheme: 'brand' },
      variants: {
        // White on brand.500 is 4.65:1, AA with no margin: any blending (a dialog fading in, an overlay)
        // takes it under 4.5. One shade darker in light mode is 6.2:1; dark mode keeps Chakra's brand.200.
        solid: (props: { colorScheme: string; colorMode: 'light' | 'dark' }) =>
          props.colorScheme === 'brand' && props.colorMode === 'light'
            ? {
                bg: 'brand.600',
                color: 'white',
                _hover: { bg: 'brand.700', _disabled: { bg: 'brand.600' } },
                _active: { bg: 'brand.800' },
              }
            : {},
      },
    },
  },
  shadows: { outline: '0 0 0 3px var(--chakra-colors-brand-300)' },
});
