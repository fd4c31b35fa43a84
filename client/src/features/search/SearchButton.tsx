import { IconButton, Tooltip } from '@chakra-ui/react';

import { SearchIcon } from '../../components/icons';

/** The header's "Search messages" button of a topic or a conversation; it opens the SearchPanel. */
export function SearchButton({ onOpen, isDisabled }: { onOpen: () => void; isDisabled?: boolean }) {
  return (
    <Tooltip label="Search messages">
      <IconButton
        aria-label="Search messages"
        icon={<SearchIcon />}
        variant="ghost"
        onClick={onOpen}
        isDisabled={isDisabled}
        data-testid="open-search"
      />
    </Tooltip>
  );
}
