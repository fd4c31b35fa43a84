import { Link } from '@chakra-ui/react';

/**
 * The first tab stop of the app: hidden until focused, it moves the focus to the message composer (or to
 * the main content where there is none), past the party rail and the topic list.
 */
export function SkipLink() {
  return (
    <Link
      href="#composer"
      onClick={(e) => {
        const target = document.getElementById('composer') ?? document.querySelector<HTMLElement>('main');
        if (!target) return;
        e.preventDefault();
        if (target.tagName === 'MAIN') target.tabIndex = -1;
        target.focus();
      }}
      position="absolute"
      left="2"
      top="2"
      zIndex="skipLink"
      px="4"
      py="2"
      borderRadius="md"
      bg="bg.app"
      color="chakra-body-text"
      boxShadow="lg"
      fontWeight="semibold"
      transform="translateY(-200%)"
      _focusVisible={{ transform: 'none' }}
    >
      Skip to message composer
    </Link>
  );
}
