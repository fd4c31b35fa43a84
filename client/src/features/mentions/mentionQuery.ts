import type { Member } from '../../api/types';

/** One row of the suggestion list: a member, or one of the two group mentions (admins and owners only). */
export type Suggestion =
  | { kind: 'member'; userId: string; username: string; displayName: string; avatarUrl: string | null }
  | { kind: 'group'; word: 'everyone' | 'here'; description: string };

/** The `@query` the caret is in: where the `@` is and what follows it up to the caret. */
export interface ActiveMention {
  start: number;
  query: string;
}

export const MAX_SUGGESTIONS = 8;
const QUERY_MAX = 32;

// An `@` starts a mention at the start of the text or after a space or opening punctuation, never inside a
// word (an e-mail address) or a stored `<@id>` token. Letters of any script: display names are matched too.
const TRIGGER = /(?:^|[\s([{"'])@([\p{L}\p{N}_.-]*)$/u;

export function activeMention(text: string, caret: number): ActiveMention | null {
  const before = text.slice(Math.max(0, caret - QUERY_MAX - 2), caret);
  const m = TRIGGER.exec(before);
  if (!m) return null;
  const query = m[1] ?? '';
  if (query.length > QUERY_MAX) return null;
  return { start: caret - query.length - 1, query };
}

/** Lower case without accents, so "é" finds "e" and "Zoë" is found by "zoe". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** 0 = username starts with it, 1 = a word of the display name does, 2 = contained somewhere, -1 = no. */
function rank(query: string, username: string, displayName: string): number {
  if (query === '') return 0;
  const q = fold(query);
  const user = fold(username);
  const name = fold(displayName);
  if (user.startsWith(q)) return 0;
  if (name.split(/\s+/).some((w) => w.startsWith(q)) || name.startsWith(q)) return 1;
  if (user.includes(q) || name.includes(q)) return 2;
  return -1;
}

const GROUPS: Extract<Suggestion, { kind: 'group' }>[] = [
  { kind: 'group', word: 'everyone', description: 'Notify everyone in this party' },
  { kind: 'group', word: 'here', description: 'Notify everyone online now' },
];

/**
 * The members (and, for admins and owners, `@everyone` / `@here`) that match the query: best matches
 * first, then by display name; deleted users (no username) are never offered.
 */
export function suggestMentions(
  members: readonly Member[],
  query: string,
  canMentionGroups: boolean,
  limit = MAX_SUGGESTIONS,
): Suggestion[] {
  const ranked: { r: number; s: Suggestion; name: string }[] = [];
  for (const m of members) {
    if (!m.username) continue;
    const r = rank(query, m.username, m.displayName);
    if (r < 0) continue;
    ranked.push({
      r,
      name: fold(m.displayName),
      s: {
        kind: 'member',
        userId: m.userId,
        username: m.username,
        displayName: m.displayName,
        avatarUrl: m.avatarUrl,
      },
    });
  }
  ranked.sort((a, b) => a.r - b.r || a.name.localeCompare(b.name));
  const people = ranked.slice(0, limit).map((x) => x.s);
  if (!canMentionGroups) return people;
  const q = fold(query);
  const groups = GROUPS.filter((g) => g.word.startsWith(q));
  // The group mentions come last, unless the query is clearly one of them.
  return q.length > 0 && groups.length > 0 ? [...groups, ...people] : [...people, ...groups];
}

/** The text with the `@query` replaced by the picked mention and a space, and where the caret goes. */
export function insertMention(
  text: string,
  active: ActiveMention,
  caret: number,
  word: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const insert = `@${word}${after.startsWith(' ') ? '' : ' '}`;
  const next = text.slice(0, active.start) + insert + after;
  return { text: next, caret: active.start + insert.length + (after.startsWith(' ') ? 1 : 0) };
}

export const suggestionId = (listId: string, s: Suggestion) =>
  `${listId}-${s.kind === 'member' ? s.userId : s.word}`;
