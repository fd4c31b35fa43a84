import {
  Center,
  Popover,
  PopoverAnchor,
  PopoverContent,
  PopoverTrigger,
  Portal,
  Spinner,
} from '@chakra-ui/react';
import { lazy, Suspense, type ReactElement } from 'react';

const EmojiPicker = lazy(() => import('./EmojiPicker'));

interface Props {
  isOpen: boolean;
  onOpen?: () => void;
  onClose: () => void;
  /** Called with the emoji's native character; the popover closes. */
  onSelect: (emoji: string) => void;
  /** A button that toggles the picker, or (with `anchor`) an element it is placed next to. */
  children: ReactElement;
  anchor?: boolean;
  label: string;
  placement?: 'top-end' | 'top-start' | 'bottom-end' | 'bottom-start';
  /** Where focus goes back to on close (the composer, say); default: the trigger. */
  returnFocus?: boolean;
}

/**
 * The emoji picker in a popover, loaded on first open (emoji-mart and its data are ~110 kB gzipped).
 * Escape closes it (the popover's own handling; the picker's Escape clears its search first), and the
 * picker's search field takes focus, with arrow keys and Enter to choose.
 */
export function EmojiPopover({
  isOpen,
  onOpen,
  onClose,
  onSelect,
  children,
  anchor,
  label,
  placement = 'top-end',
  returnFocus = true,
}: Props) {
  return (
    <Popover
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      placement={placement}
      isLazy
      lazyBehavior="unmount"
      returnFocusOnClose={returnFocus}
      closeOnEsc
    >
      {anchor ? <PopoverAnchor>{children}</PopoverAnchor> : <PopoverTrigger>{children}</PopoverTrigger>}
      <Portal>
        <PopoverContent
          w="auto"
          border="none"
          bg="transparent"
          boxShadow="xl"
          aria-label={label}
          data-testid="emoji-picker"
        >
          <Suspense
            fallback={
              <Center w="352px" h="435px" bg="bg.app" borderRadius="lg" borderWidth="1px">
                <Spinner label="Loading emoji" />
              </Center>
            }
          >
            <EmojiPicker
              onSelect={(emoji) => {
                onSelect(emoji);
                onClose();
              }}
            />
          </Suspense>
        </PopoverContent>
      </Portal>
    </Popover>
  );
}
