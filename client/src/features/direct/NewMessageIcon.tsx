import { createIcon } from '@chakra-ui/react';

// A speech bubble with a plus: "start a conversation" (the shared set in components/icons.tsx has none).
export const NewMessageIcon = createIcon({
  displayName: 'NewMessageIcon',
  viewBox: '0 0 24 24',
  path: (
    <g fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />
      <path d="M13 9v6M10 12h6" />
    </g>
  ),
});
