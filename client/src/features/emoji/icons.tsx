import { createIcon } from '@chakra-ui/react';

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const SmileIcon = createIcon({
  displayName: 'SmileIcon',
  viewBox: '0 0 24 24',
  path: (
    <g {...stroke}>
      <circle cx="12" cy="12" r="10" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01" />
    </g>
  ),
});

export const SmilePlusIcon = createIcon({
  displayName: 'SmilePlusIcon',
  viewBox: '0 0 24 24',
  path: (
    <g {...stroke}>
      <path d="M22 11v1a10 10 0 1 1-9-10" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01M16 5h6M19 2v6" />
    </g>
  ),
});

export const ReplyIcon = createIcon({
  displayName: 'ReplyIcon',
  viewBox: '0 0 24 24',
  path: <path {...stroke} d="M9 17 4 12l5-5M20 18v-2a4 4 0 0 0-4-4H4" />,
});
