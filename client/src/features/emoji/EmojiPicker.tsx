// The emoji-mart picker and its data: a lazy chunk (EmojiPopover imports it on first open).
import data from '@emoji-mart/data';
import Picker from '@emoji-mart/react';
import { useColorMode } from '@chakra-ui/react';
import { useEffect, useRef } from 'react';

import { holdSearchFocus } from './holdSearchFocus';

interface Selected {
  native: string;
}

export default function EmojiPicker({ onSelect }: { onSelect: (emoji: string) => void }) {
  const { colorMode } = useColorMode();
  // The search field has the focus once the picker is on screen, whatever else moves it meanwhile.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => (box.current ? holdSearchFocus(box.current) : undefined), []);
  return (
    <div ref={box}>
      <Picker
        data={data}
        theme={colorMode}
        autoFocus
        previewPosition="none"
        skinTonePosition="search"
        maxFrequentRows={2}
        perLine={8}
        onEmojiSelect={(e: Selected) => onSelect(e.native)}
      />
    </div>
  );
}
