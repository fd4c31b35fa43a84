/** The words of a query, for highlighting (quotes and operators dropped, longest first). */
export function queryTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[\s"'()|&!:*]+/)
    .filter((w) => w.length > 0 && w !== 'or' && w !== 'and' && !w.startsWith('-'));
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

export interface Piece {
  text: string;
  hit: boolean;
}

/**
 * Splits `text` into pieces, marking where a query term occurs (case-insensitive). Search stems words
 * ("meeting" finds "meet"), so a word that starts like a term is marked as a whole.
 */
export function highlight(text: string, terms: string[]): Piece[] {
  if (terms.length === 0 || !text) return [{ text, hit: false }];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) pieces.push({ text: text.slice(last, at), hit: false });
    pieces.push({ text: m[0], hit: true });
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
  return pieces;
}

/** A window of about `size` characters around the first hit, so a long message shows why it matched. */
export function excerpt(text: string, terms: string[], size = 220): string {
  if (text.length <= size) return text;
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length);
  const start = first === text.length ? 0 : Math.max(0, first - Math.floor(size / 3));
  const end = Math.min(text.length, start + size);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
