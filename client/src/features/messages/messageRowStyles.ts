// The message row's look (MessageItem), as global rules of the theme.
/**
 * A row's own look as rules under one class, put in the theme's global styles once (app/theme.ts): style
 * props on the row's Chakra components were turned into CSS again on every row's render, the main script
 * cost of scrolling history.
 */
export const messageRowGlobalStyles = {
  '.pl-msg': {
    display: 'flex',
    alignItems: 'flex-start',
    gap: 3,
    px: 4,
    py: 1.5,
    mt: 2,
    position: 'relative',
    _hover: { bg: 'bg.hover' },
    _focusVisible: { outline: '2px solid', outlineColor: 'brand.500', outlineOffset: '-2px', bg: 'bg.hover' },
    '&[data-compact]': { py: 0.5, mt: 0 },
    // Mentions me: a bar on the left and a tint, readable in both colour modes (text colours stay AA on it).
    '&[data-mentions-me]': {
      bg: 'rgba(236, 201, 75, 0.14)',
      boxShadow: 'inset 3px 0 0 var(--chakra-colors-yellow-500)',
      _hover: { bg: 'rgba(236, 201, 75, 0.22)' },
    },
  },
  '.pl-msg-gutter': {
    w: 8,
    flexShrink: 0,
    display: 'flex',
    justifyContent: 'flex-end',
    pt: 1,
    whiteSpace: 'nowrap',
    fontSize: '2xs',
    color: 'fg.subtle',
    visibility: 'hidden',
  },
  '.pl-msg:hover .pl-msg-gutter, .pl-msg:focus-within .pl-msg-gutter': { visibility: 'visible' },
  '.pl-msg-main': { flex: 1, minW: 0 },
  '.pl-msg-head': { display: 'flex', alignItems: 'baseline', gap: 2 },
  '.pl-msg-time': { fontSize: 'xs', color: 'fg.subtle' },
  '.pl-msg-body': { fontSize: 'sm' },
  '.pl-msg-deleted': { fontSize: 'sm', color: 'fg.subtle', fontStyle: 'italic' },
  // The author's avatar and name (profile/AuthorProfile.tsx): the look of Chakra's Avatar size sm.
  '.pl-author-btn': { textAlign: 'start', cursor: 'pointer', lineHeight: 'inherit' },
  '.pl-author-avatar': { display: 'block', mt: 0.5, borderRadius: 'full' },
  '.pl-author-name-btn': { borderRadius: 'sm', _hover: { textDecoration: 'underline' } },
  '.pl-author-name': { fontWeight: 'semibold', fontSize: 'sm' },
  '.pl-avatar': {
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    w: 8,
    h: 8,
    borderRadius: 'full',
    overflow: 'hidden',
    fontSize: 'calc(2rem / 2.5)',
    fontWeight: 'medium',
    textTransform: 'uppercase',
    textAlign: 'center',
    lineHeight: 1,
    verticalAlign: 'top',
    '& > img': { position: 'absolute', inset: 0, w: '100%', h: '100%', objectFit: 'cover' },
  },
  // The actions button: shown on hover, on focus and while its menu is open; always on touch screens (no
  // hover there; a long press opens the menu too). The look of an xs outline IconButton on bg.app.
  '.pl-msg-actions': { position: 'absolute', right: 3, top: -3, opacity: 0 },
  '.pl-msg:hover .pl-msg-actions, .pl-msg-actions:focus-within, .pl-msg-actions[data-open]': { opacity: 1 },
  '@media (hover: none)': { '.pl-msg-actions': { opacity: 1, top: 1, right: 2 } },
  '.pl-msg-actions-btn': {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    h: 6,
    minW: 6,
    p: 0,
    fontSize: 'xs',
    borderRadius: 'md',
    border: '1px solid',
    borderColor: 'currentColor',
    color: 'brand.600',
    bg: 'bg.app',
    transitionProperty: 'common',
    transitionDuration: 'normal',
    _hover: { bg: 'brand.50' },
    _active: { bg: 'brand.100' },
    _focusVisible: { boxShadow: 'outline' },
    _dark: {
      color: 'brand.200',
      // Chakra's transparentize(brand.200, 0.12 / 0.24), from the theme's own token.
      _hover: { bg: 'color-mix(in srgb, var(--chakra-colors-brand-200) 12%, transparent)' },
      _active: { bg: 'color-mix(in srgb, var(--chakra-colors-brand-200) 24%, transparent)' },
    },
  },
} as const;
