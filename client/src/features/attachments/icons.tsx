import { createIcon } from '@chakra-ui/react';

// The attachments' line icons, drawn like those of components/icons.tsx (same stroke).
const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const PaperclipIcon = createIcon({
  displayName: 'PaperclipIcon',
  viewBox: '0 0 24 24',
  path: (
    <path
      {...stroke}
      d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48"
    />
  ),
});
export const FileIcon = createIcon({
  displayName: 'FileIcon',
  viewBox: '0 0 24 24',
  path: (
    <g {...stroke}>
      <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
      <path d="M14 2v6h6M8 13h8M8 17h5" />
    </g>
  ),
});
export const ImageIcon = createIcon({
  displayName: 'ImageIcon',
  viewBox: '0 0 24 24',
  path: (
    <g {...stroke}>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="9" cy="9" r="2" />
      <path d="m21 15-3.09-3.09a2 2 0 0 0-2.82 0L6 21" />
    </g>
  ),
});
export const DownloadIcon = createIcon({
  displayName: 'DownloadIcon',
  viewBox: '0 0 24 24',
  path: <path {...stroke} d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3" />,
});
export const XIcon = createIcon({
  displayName: 'XIcon',
  viewBox: '0 0 24 24',
  path: <path {...stroke} d="M18 6 6 18M6 6l12 12" />,
});
