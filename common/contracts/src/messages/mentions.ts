// The mention syntax of a stored message body, shared by the server (which stores what a body mentions)
// and documented for the client (which renders it):
//
// - `<@USER_UUID>` mentions one user. The composer inserts it; the client renders it as `@DisplayName`
//   from the party's members, so a rename shows at once. The server keeps only ids of current members of
//   the party (the rest stay in the text and render as plain text).
// - `@everyone` and `@here` as words (not preceded by a letter, digit, `_`, `.` or `@`, not followed by a
//   letter, digit or `_`): everyone in the party, or the members online when it was sent. Only admins
//   and the owner may send them (MESSAGE.MENTION_FORBIDDEN otherwise).
// - Nothing inside inline code (`…`) or a fenced code block (``` or ~~~) is a mention.

/** `<@uuid>`, the uuid in group 1 (any case; stored ids are lowercase). */
export const USER_MENTION_PATTERN =
  /<@([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})>/g;
const BROADCAST_PATTERN = /(?<![\p{L}\p{N}_.@])@(everyone|here)(?![\p{L}\p{N}_])/gu;
// Fenced blocks first (up to a closing fence of the same kind, or the end), then inline code spans of
// one or more backticks closed by the same run.
const FENCED_CODE =
  /^ {0,3}(`{3,}|~{3,})[^\n]*(?:\n[\s\S]*?)?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm;
const INLINE_CODE = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g;

export interface ParsedMentions {
  /** Distinct user ids (lowercase) in order of first appearance. */
  userIds: string[];
  everyone: boolean;
  here: boolean;
}

/** The body without its code, where nothing is a mention. */
const withoutCode = (body: string): string => body.replace(FENCED_CODE, ' ').replace(INLINE_CODE, ' ');

/** What a message body mentions, by syntax only (who is a member is the server's business). */
export function parseMentions(body: string): ParsedMentions {
  const text = withoutCode(body);
  const userIds = [...new Set(Array.from(text.matchAll(USER_MENTION_PATTERN), (m) => m[1]!.toLowerCase()))];
  let everyone = false;
  let here = false;
  for (const match of text.matchAll(BROADCAST_PATTERN)) {
    if (match[1] === 'everyone') everyone = true;
    else here = true;
  }
  return { userIds, everyone, here };
}
