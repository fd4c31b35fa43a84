// The composer shows `@username` (readable, editable, kept as the draft); the stored body carries
// `<@user-uuid>` so a mention survives renames. The conversion happens once, on send.

/** Usernames are `[a-z0-9_]{3,32}`; `@everyone` and `@here` stay words (the server reads them as such). */
const AT_USERNAME = /(^|[^\p{L}\p{N}_@<`])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])/gu;
const GROUP_WORDS = new Set(['everyone', 'here']);
// Code is shown as typed: a mention inside `inline code` or a ``` fence is not one.
const CODE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/;

/**
 * `@username` of a known member becomes `<@id>`. `known` maps lower-case usernames to ids: the members of
 * the party, and the picks made from the autocomplete (so a pick counts even if the list changed since).
 */
export function toStoredBody(text: string, known: ReadonlyMap<string, string>): string {
  return text
    .split(CODE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(AT_USERNAME, (all, lead: string, name: string) => {
            const key = name.toLowerCase();
            if (GROUP_WORDS.has(key)) return all;
            const id = known.get(key);
            return id ? `${lead}<@${id}>` : all;
          }),
    )
    .join('');
}

const TOKEN = /<@([0-9a-fA-F-]{36})>/g;

/** The other way, for editing a stored message: `<@id>` back to `@username` (unknown ids stay as they are). */
export function toEditableText(body: string, usernameOf: (id: string) => string | null | undefined): string {
  return body.replace(TOKEN, (all, id: string) => {
    const name = usernameOf(id);
    return name ? `@${name}` : all;
  });
}

/** Whether the text uses `@everyone` or `@here` (outside code), which only admins and owners may send. */
export function usesGroupMention(text: string): boolean {
  return text
    .split(CODE)
    .some((part, i) => i % 2 === 0 && /(^|[^\p{L}\p{N}_@<`])@(everyone|here)(?![A-Za-z0-9_])/u.test(part));
}
