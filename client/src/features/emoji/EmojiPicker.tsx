// The emoji-mart picker and its data: a lazy chunk (EmojiPopover imports it on first open).
import data from '@emoji-mart/data';
import Picker from '@emoji-mart/react';
import { useColorMode } from '@chakra-ui/react';

interface Selected {
  native: string;
}

export default function EmojiPicker({ onSelect }: { onSelect: (emoji: string) => void }) {
  const { colorMode } = useColorMode();
  return (
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
  );
}
