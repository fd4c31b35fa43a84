// A message author's avatar and name as buttons that open their profile card (a deleted account's stay
// plain: there is nobody to show).
import { Avatar, Box, Text, chakra } from '@chakra-ui/react';

import type { PublicUser } from '../../api/types';
import { ProfileCard } from './ProfileCard';

const Plain = chakra('button', {
  baseStyle: { borderRadius: 'full', textAlign: 'start', cursor: 'pointer', lineHeight: 'inherit' },
});

interface AuthorProps {
  partyId: string;
  /** The live author (useLiveAuthor); null for a deleted account. */
  author: PublicUser | null;
  name: string;
}

export function AuthorAvatar({ partyId, author, name }: AuthorProps) {
  const avatar = <Avatar size="sm" name={name} src={author?.avatarUrl ?? undefined} />;
  if (!author) return <Box mt="0.5">{avatar}</Box>;
  return (
    <ProfileCard partyId={partyId} userId={author.id} fallback={author}>
      <Plain type="button" mt="0.5" aria-label={`${name}: profile`} tabIndex={-1} data-testid="author-avatar">
        {avatar}
      </Plain>
    </ProfileCard>
  );
}

export function AuthorName({ partyId, author, name }: AuthorProps) {
  const text = (
    <Text as="span" fontWeight="semibold" fontSize="sm">
      {name}
    </Text>
  );
  if (!author) return text;
  return (
    <ProfileCard partyId={partyId} userId={author.id} fallback={author}>
      <Plain
        type="button"
        borderRadius="sm"
        _hover={{ textDecoration: 'underline' }}
        data-testid="author-name"
      >
        {text}
      </Plain>
    </ProfileCard>
  );
}
