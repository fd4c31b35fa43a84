// A message author's avatar and name as buttons that open their profile card (a deleted account's stay
// plain: there is nobody to show). The card is the one the ProfileCardHost shows; a row holds no popover.
import { isDark, randomColor } from '@chakra-ui/theme-tools';
import { useState, type MouseEvent } from 'react';

import type { PublicUser } from '../../api/types';
import { useOpenProfileCard } from './ProfileCardHost';

// Plain elements styled by the message row's global rules (messageRowStyles.ts), not Chakra components:
// a Chakra Avatar and two styled buttons in every row were much of the cost of rendering a page of history.

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
  const avatar = <RowAvatar name={name} src={author?.avatarUrl ?? null} />;
  if (!author) return <span className="pl-author-avatar">{avatar}</span>;
  return (
    <button
      type="button"
      className="pl-author-btn pl-author-avatar"
      aria-label={`${name}: profile`}
      aria-haspopup="dialog"
      aria-expanded={false}
      tabIndex={-1}
      onClick={onClick}
      data-testid="author-avatar"
    >
      {avatar}
    </button>
  );
}

export function AuthorName({ partyId, author, name }: AuthorProps) {
  const onClick = useOpener(partyId, author);
  const text = <span className="pl-author-name">{name}</span>;
  if (!author) return text;
  return (
    <button
      type="button"
      className="pl-author-btn pl-author-name-btn"
      aria-haspopup="dialog"
      aria-expanded={false}
      onClick={onClick}
      data-testid="author-name"
    >
      {text}
    </button>
  );
}

/** Chakra's Avatar (size sm) as a plain element: the same colour from the name, the same initials. */
function RowAvatar({ name, src }: { name: string; src: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  const look = lookOf(name);
  return (
    <span className="pl-avatar" role="img" aria-label={name} style={{ background: look.bg, color: look.fg }}>
      {look.initials}
      {src && failed !== src && <img src={src} alt="" onError={() => setFailed(src)} />}
    </span>
  );
}

const looks = new Map<string, { bg: string; fg: string; initials: string }>();
function lookOf(name: string) {
  let look = looks.get(name);
  if (!look) {
    // As Chakra's avatar theme: a colour hashed from the name, white or dark text by its lightness.
    const bg = name ? randomColor({ string: name }) : 'var(--chakra-colors-gray-400)';
    const dark = !name || isDark(bg)({});
    look = { bg, fg: dark ? 'white' : 'var(--chakra-colors-gray-800)', initials: initials(name) };
    looks.set(name, look);
  }
  return look;
}

/** Chakra's own rule: the first letters of the first and last words. */
function initials(name: string) {
  const words = name.trim().split(' ');
  const first = words[0] ?? '';
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return first && last ? `${first.charAt(0)}${last.charAt(0)}` : first.charAt(0);
}
