// A message author's avatar and name as buttons that open their profile card (a deleted account's stay
// plain: there is nobody to show). The card is the one the ProfileCardHost shows; a row holds no popover.
import { Avatar, Box, Text, chakra } from '@chakra-ui/react';
import type { MouseEvent } from 'react';

import type { PublicUser } from '../../api/types';
import { useOpenProfileCard } from './ProfileCardHost';

const Plain = chakra('button', {
  baseStyle: { borderRadius: 'full', textAlign: 'start', cursor: 'pointer', lineHeight: 'inherit' },
});

interface AuthorProps {
  partyId: string;
  /** The live author (useLiveAuthor); null for a deleted account. */
  author: PublicUser | null;
  name: string;
}

function useOpener(partyId: string, author: PublicUser | null) {
  const open = useOpenProfileCard();
  return (e: MouseEvent<HTMLElement>) =>
    author && open({ partyId, userId: author.id, fallback: author, anchor: e.currentTarget });
}

export function AuthorAvatar({ partyId, author, name }: AuthorProps) {
  const onClick = useOpener(partyId, author);
  const avatar = <Avatar size="sm" name={name} src={author?.avatarUrl ?? undefined} />;
  if (!author) return <Box mt="0.5">{avatar}</Box>;
  return (
    <Plain
      type="button"
      mt="0.5"
      aria-label={`${name}: profile`}
      aria-haspopup="dialog"
      aria-expanded={false}
      tabIndex={-1}
      onClick={onClick}
      data-testid="author-avatar"
    >
      {avatar}
    </Plain>
  );
}

export function AuthorName({ partyId, author, name }: AuthorProps) {
  const onClick = useOpener(partyId, author);
  const text = (
    <Text as="span" fontWeight="semibold" fontSize="sm">
      {name}
    </Text>
  );
  if (!author) return text;
  return (
    <Plain
      type="button"
      borderRadius="sm"
      _hover={{ textDecoration: 'underline' }}
      aria-haspopup="dialog"
      aria-expanded={false}
      onClick={onClick}
      data-testid="author-name"
    >
      {text}
    </Plain>
  );
}
