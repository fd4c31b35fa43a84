/** A piece of message text: plain text, or a link that is safe to open. */
type Token = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Candidates only; every candidate is re-checked with the URL parser before it becomes a link.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The href to use when `raw` is an absolute http(s) URL, otherwise null (javascript:, data:, …). */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}

/**
 * Splits message text into text and link tokens. Only http and https URLs become links; everything else,
 * markup included, stays text that React renders escaped. There is deliberately no HTML path at all.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = tokens[tokens.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else tokens.push({ kind: 'text', text: t });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    let candidate = match[0];
    // Keep a closing bracket that belongs to the URL (wiki links), drop sentence punctuation.
    const trail = candidate.match(TRAILING)?.[0] ?? '';
    let keep = candidate.length - trail.length;
    if (trail.startsWith(')') && candidate.slice(0, keep).includes('(')) keep += 1;
    candidate = candidate.slice(0, keep);
    const href = safeHref(candidate);
    pushText(text.slice(last, start));
    if (href) tokens.push({ kind: 'link', text: candidate, href });
    else pushText(candidate);
    last = start + candidate.length;
  }
  pushText(text.slice(last));
  return tokens;
}
