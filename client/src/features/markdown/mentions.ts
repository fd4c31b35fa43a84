/** A mention as stored in a message body: `<@user-id>`, `@everyone` or `@here`. */
export type MentionToken =
  | { kind: 'user'; raw: string; userId: string }
  | { kind: 'everyone' | 'here'; raw: string; userId?: undefined };

// `@everyone` / `@here` only as words of their own (not inside `me@here.example` or `@hereafter`).
const MENTION = /<@([0-9a-fA-F-]{36})>|(?<![\w@.])@(everyone|here)(?![\w-])/g;

/** Splits text into plain strings and mentions, in order. */
export function splitMentions(value: string): (string | MentionToken)[] {
  const out: (string | MentionToken)[] = [];
  let last = 0;
  for (const match of value.matchAll(MENTION)) {
    const start = match.index ?? 0;
    if (start > last) out.push(value.slice(last, start));
    if (match[1]) out.push({ kind: 'user', raw: match[0], userId: match[1].toLowerCase() });
    else out.push({ kind: match[2] as 'everyone' | 'here', raw: match[0] });
    last = start + match[0].length;
  }
  if (last < value.length) out.push(value.slice(last));
  return out;
}

/** Whether a body mentions this user, by id or through @everyone / @here (code spans included: cheap check). */
export function bodyMentions(body: string, userId: string | undefined): boolean {
  return splitMentions(body).some(
    (t) => typeof t !== 'string' && (t.kind !== 'user' || t.userId === userId?.toLowerCase()),
  );
}
