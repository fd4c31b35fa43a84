// `:shortcode:` → emoji, with emoji-mart's ids and aliases (the names its picker shows). The table comes
// from @emoji-mart/data (a ~430 kB JSON), so it is loaded on demand: when the user first types a colon.
import type { EmojiMartData } from '@emoji-mart/data';

type Table = ReadonlyMap<string, string>;

let table: Table | null = null;
let loading: Promise<Table> | null = null;

export function loadShortcodes(): Promise<Table> {
  loading ??= import('@emoji-mart/data').then((mod) => {
    // The package's types describe the JSON's shape but not its default export.
    const data = (mod as unknown as { default: EmojiMartData }).default;
    const map = new Map<string, string>();
    for (const emoji of Object.values(data.emojis)) {
      const native = emoji.skins[0]?.native;
      if (native) map.set(emoji.id, native);
    }
    for (const [alias, id] of Object.entries(data.aliases)) {
      const native = map.get(id);
      if (native && !map.has(alias)) map.set(alias, native);
    }
    table = map;
    return map;
  });
  return loading;
}

/** The table if it has loaded, else null (and the load starts). */
export function shortcodesNow(): Table | null {
  if (!table) void loadShortcodes().catch(() => undefined);
  return table;
}

const CODE = /:([a-z0-9_+-]{1,40}):/gi;
// Code spans and fenced blocks are left as typed (`a::b:` in code is not an emoji).
const CODE_PARTS = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

/** Replaces every known `:code:` outside code; unknown ones stay as typed. */
export function replaceShortcodes(text: string, codes: Table): string {
  return text
    .split(CODE_PARTS)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(CODE, (raw, name: string) => codes.get(name.toLowerCase()) ?? raw),
    )
    .join('');
}

/** Whether `text` has something that could be a shortcode (worth waiting for the table on send). */
export const hasShortcodeCandidate = (text: string): boolean => new RegExp(CODE.source, 'i').test(text);

/**
 * As the user types: when the text just before the caret is a known `:code:` (the closing colon was just
 * typed), the text with it replaced and the caret's new position; otherwise null.
 */
export function completeShortcodeAt(
  text: string,
  caret: number,
  codes: Table,
): { text: string; caret: number } | null {
  const before = text.slice(0, caret);
  const match = /:([a-z0-9_+-]{1,40}):$/i.exec(before);
  if (!match) return null;
  const native = codes.get(match[1]!.toLowerCase());
  if (!native) return null;
  // Inside an open code span (an odd number of backticks before it): leave it.
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return null;
  const start = caret - match[0].length;
  return { text: text.slice(0, start) + native + text.slice(caret), caret: start + native.length };
}
