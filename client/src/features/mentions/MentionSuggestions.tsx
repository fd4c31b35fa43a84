import { Avatar, Box, Flex, Text, VisuallyHidden } from '@chakra-ui/react';
import { useEffect, useRef } from 'react';

import { suggestionId, type Suggestion } from './mentionQuery';

interface Props {
  id: string;
  suggestions: Suggestion[];
  activeIndex: number;
  onHover: (index: number) => void;
  onPick: (s: Suggestion) => void;
  /** A member wrote @everyone or @here: say before sending that the server will refuse it. */
  groupsRefused: boolean;
}

/** The list above the composer. Focus never leaves the textarea: pressing an option must not blur it. */
export function MentionSuggestions({ id, suggestions, activeIndex, onHover, onPick, groupsRefused }: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, suggestions]);

  const open = suggestions.length > 0;
  return (
    <>
      <VisuallyHidden aria-live="polite">
        {open ? `${suggestions.length} suggestions. Up and down to choose, Enter or Tab to insert.` : ''}
      </VisuallyHidden>
      {groupsRefused && !open && (
        <Text
          position="absolute"
          bottom="100%"
          left="0"
          mb="1"
          fontSize="xs"
          color="fg.danger"
          role="status"
          data-testid="mention-groups-refused"
        >
          Only admins and owners can notify @everyone or @here.
        </Text>
      )}
      {open && (
        <Box
          ref={list}
          id={id}
          role="listbox"
          aria-label="Mention suggestions"
          position="absolute"
          bottom="100%"
          left="0"
          mb="1"
          w="min(100%, 22rem)"
          maxH="18rem"
          overflowY="auto"
          py="1"
          bg="bg.app"
          borderWidth="1px"
          borderColor="border"
          borderRadius="lg"
          boxShadow="lg"
          zIndex="dropdown"
          onMouseDown={(e) => e.preventDefault()}
          data-testid="mention-suggestions"
        >
          {suggestions.map((s, i) => (
            <Flex
              key={suggestionId(id, s)}
              id={suggestionId(id, s)}
              role="option"
              aria-selected={i === activeIndex}
              aria-label={
                s.kind === 'member' ? `${s.displayName} @${s.username}` : `@${s.word}, ${s.description}`
              }
              align="center"
              gap="2"
              px="3"
              py="1.5"
              cursor="pointer"
              bg={i === activeIndex ? 'bg.active' : undefined}
              onMouseMove={() => i !== activeIndex && onHover(i)}
              onClick={() => onPick(s)}
            >
              {s.kind === 'member' ? (
                <>
                  <Avatar size="xs" name={s.displayName} src={s.avatarUrl ?? undefined} aria-hidden />
                  <Text fontSize="sm" fontWeight="semibold" noOfLines={1}>
                    {s.displayName}
                  </Text>
                  <Text fontSize="sm" color="fg.muted" noOfLines={1}>
                    @{s.username}
                  </Text>
                </>
              ) : (
                <>
                  <Flex
                    aria-hidden
                    boxSize="6"
                    borderRadius="full"
                    bg="brand.600"
                    color="white"
                    align="center"
                    justify="center"
                    fontSize="xs"
                    fontWeight="bold"
                  >
                    @
                  </Flex>
                  <Text fontSize="sm" fontWeight="semibold">
                    @{s.word}
                  </Text>
                  <Text fontSize="sm" color="fg.muted" noOfLines={1}>
                    {s.description}
                  </Text>
                </>
              )}
            </Flex>
          ))}
        </Box>
      )}
    </>
  );
}
