import type { SystemStyleObject } from '@chakra-ui/react';

/**
 * The look of rendered message markdown: rules under the class MARKDOWN_CLASS, put in the theme's global
 * styles once (app/theme.ts) rather than an `sx` per message, which made Chakra and emotion turn this whole
 * object into CSS again on every row's render (most of the script time of scrolling history). Colours meet
 * WCAG AA in light and dark mode.
 */
export const MARKDOWN_CLASS = 'pl-markdown';
/** A message's text: markdown plus the body's own line height and wrapping. */
export const MESSAGE_TEXT_CLASS = 'pl-message-text';

const markdownStyles: SystemStyleObject = {
  // The markdown is inline so that a trailing "(edited)" sits on the last line of a final paragraph.
  '& > .md': { display: 'inline' },
  '& > .md > p:last-child': { display: 'inline' },
  '& p, & ul, & ol, & blockquote, & pre, & table': { my: 0 },
  '& .md > * + *, & li > * + *, & blockquote > * + *': { mt: 1 },
  '& ul, & ol': { pl: 5 },
  '& ul': { listStyleType: 'disc' },
  '& ol': { listStyleType: 'decimal' },
  '& ul ul': { listStyleType: 'circle' },
  '& li': { my: 0.5 },
  '& li:has(> span[role="img"])': { listStyleType: 'none', ml: -4 },
  '& a': { color: 'fg.link', textDecoration: 'underline', wordBreak: 'break-all' },
  '& strong': { fontWeight: 'semibold' },
  '& del': { textDecoration: 'line-through' },
  '& hr': { borderColor: 'border', my: 2 },
  '& blockquote': {
    borderLeftWidth: '3px',
    borderColor: 'gray.300',
    pl: 3,
    _dark: { borderColor: 'gray.600' },
  },
  '& code': {
    fontFamily: 'mono',
    fontSize: '0.85em',
    bg: 'blackAlpha.100',
    px: 1,
    py: '1px',
    borderRadius: 'sm',
    _dark: { bg: 'whiteAlpha.200' },
  },
  '& pre': {
    fontFamily: 'mono',
    fontSize: '0.85em',
    bg: 'gray.100',
    borderWidth: '1px',
    borderColor: 'border',
    borderRadius: 'md',
    px: 3,
    py: 2,
    // Wrapped rather than scrolled: a scrolling block would be one more tab stop per code block.
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    _dark: { bg: 'blackAlpha.500' },
  },
  '& pre code': { bg: 'transparent', p: 0, fontSize: '1em', _dark: { bg: 'transparent' } },
  '& table': { display: 'block', maxW: '100%', borderCollapse: 'collapse', overflowWrap: 'anywhere' },
  '& th, & td': { borderWidth: '1px', borderColor: 'border', px: 2, py: 1, textAlign: 'start' },
  '& th': { fontWeight: 'semibold' },
  '& .md-mention': {
    bg: 'brand.100',
    color: 'brand.800',
    fontWeight: 'medium',
    borderRadius: 'sm',
    px: 0.5,
    _dark: { bg: 'rgba(129, 135, 234, 0.28)', color: 'brand.100' },
  },
  '& .md-spoiler': {
    bg: 'gray.600',
    borderRadius: 'sm',
    cursor: 'pointer',
    px: 0.5,
    _dark: { bg: 'gray.500' },
  },
  '& .md-spoiler-shown': { bg: 'blackAlpha.100', cursor: 'auto', _dark: { bg: 'whiteAlpha.200' } },
  '& .md-spoiler-content': { visibility: 'hidden' },
  // highlight.js token colours (its own themes are global CSS; these follow the colour mode).
  '& .hljs-comment, & .hljs-quote': { color: 'gray.600', fontStyle: 'italic', _dark: { color: 'gray.400' } },
  '& .hljs-keyword, & .hljs-selector-tag, & .hljs-doctag, & .hljs-meta .hljs-keyword': {
    color: 'purple.700',
    _dark: { color: 'purple.300' },
  },
  '& .hljs-string, & .hljs-regexp, & .hljs-addition, & .hljs-meta .hljs-string': {
    color: 'green.700',
    _dark: { color: 'green.300' },
  },
  '& .hljs-number, & .hljs-literal, & .hljs-symbol, & .hljs-bullet': {
    color: 'orange.700',
    _dark: { color: 'orange.300' },
  },
  '& .hljs-title, & .hljs-section, & .hljs-name, & .hljs-selector-id, & .hljs-selector-class': {
    color: 'blue.700',
    _dark: { color: 'blue.300' },
  },
  '& .hljs-attr, & .hljs-attribute, & .hljs-variable, & .hljs-template-variable, & .hljs-property': {
    color: 'teal.700',
    _dark: { color: 'teal.300' },
  },
  '& .hljs-built_in, & .hljs-type, & .hljs-params': { color: 'red.700', _dark: { color: 'red.300' } },
  '& .hljs-deletion': { color: 'red.700', _dark: { color: 'red.300' } },
  '& .hljs-meta': { color: 'gray.600', _dark: { color: 'gray.400' } },
  '& .hljs-emphasis': { fontStyle: 'italic' },
  '& .hljs-strong': { fontWeight: 'bold' },
};

/** For the theme's global styles. */
export const markdownGlobalStyles: Record<string, SystemStyleObject> = {
  [`.${MARKDOWN_CLASS}`]: markdownStyles,
  [`.${MESSAGE_TEXT_CLASS}`]: { lineHeight: 1.5, wordBreak: 'break-word' },
};
