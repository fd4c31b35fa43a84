import type { Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';

import { splitMentions } from './mentions';

/**
 * The chat dialect on top of CommonMark + GFM, as one pass over the syntax tree:
 * - raw HTML becomes plain text (shown as typed, never parsed as markup: `<img onerror>` stays text);
 * - footnotes become the text they were typed as (their generated ids would clash between messages);
 * - a line break in a paragraph is a line break, as in every chat app;
 * - `||text||` is a spoiler; `<@user-id>`, `@everyone` and `@here` are mentions.
 * Spoilers and mentions are mdast nodes with `data.hName`, so they reach React as `<span data-…>`.
 */
export function remarkChat() {
  return (tree: Root) => {
    rewrite(tree);
  };
}

function rewrite(parent: Parent): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    for (const node of replace(child, parent)) {
      if ('children' in node && node.type !== 'link' && node.type !== 'linkReference') rewrite(node);
      out.push(node);
    }
  }
  parent.children = out as typeof parent.children;
  if (isPhrasingParent(parent)) {
    parent.children = spoilers(parent.children as PhrasingContent[]) as typeof parent.children;
  }
}

/** The nodes one node turns into. */
function replace(node: RootContent, parent: Parent): RootContent[] {
  switch (node.type) {
    case 'html':
      // Block-level HTML needs a paragraph around the text; inline HTML is just text.
      return parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem'
        ? [{ type: 'paragraph', children: lines(node.value) }]
        : lines(node.value);
    case 'footnoteReference':
      return [text(`[^${node.label ?? node.identifier}]`)];
    case 'footnoteDefinition': {
      const [first, ...rest] = node.children;
      const label = text(`[^${node.label ?? node.identifier}]: `);
      if (first?.type === 'paragraph') return [{ ...first, children: [label, ...first.children] }, ...rest];
      return [{ type: 'paragraph', children: [label] }, ...node.children];
    }
    case 'text':
      return linesAndMentions(node.value);
    default:
      return [node];
  }
}

const text = (value: string): Text => ({ type: 'text', value });

/** Text with its line endings as `break` nodes. */
function lines(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  value.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    if (line) out.push(text(line));
  });
  return out;
}

function linesAndMentions(value: string): PhrasingContent[] {
  return lines(value).flatMap((node): PhrasingContent[] =>
    node.type === 'text'
      ? splitMentions(node.value).map((part) =>
          typeof part === 'string'
            ? text(part)
            : {
                type: 'text',
                value: part.raw,
                data: {
                  hName: 'span',
                  hProperties: { dataMention: part.kind, dataUserId: part.userId },
                  hChildren: [{ type: 'text', value: part.raw }],
                },
              },
        )
      : [node],
  );
}

const PHRASING_PARENTS = new Set([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'tableCell',
  'spoiler',
]);
const isPhrasingParent = (node: { type: string; data?: unknown }) =>
  PHRASING_PARENTS.has(node.type) || (node.data as { spoiler?: boolean } | undefined)?.spoiler === true;

const MARK = '||';

/**
 * Groups the phrasing between a `||` and the next `||` of the same parent into a spoiler. The marks may
 * sit in different text nodes, so `||**bold** secret||` works; a mark without a partner stays text.
 */
function spoilers(children: PhrasingContent[]): PhrasingContent[] {
  // Split text nodes at each mark, remembering which pieces are marks.
  const pieces: (PhrasingContent | typeof MARK)[] = [];
  for (const child of children) {
    if (child.type !== 'text' || child.data || !child.value.includes(MARK)) {
      pieces.push(child);
      continue;
    }
    child.value.split(MARK).forEach((part, i) => {
      if (i > 0) pieces.push(MARK);
      if (part) pieces.push(text(part));
    });
  }
  const out: PhrasingContent[] = [];
  let open: PhrasingContent[] | null = null;
  pieces.forEach((piece, i) => {
    if (piece !== MARK) (open ?? out).push(piece);
    else if (open === null) {
      // An opening mark counts only when a closing one follows.
      if (pieces.indexOf(MARK, i + 1) === -1) out.push(text(MARK));
      else open = [];
    } else {
      out.push(open.length ? spoiler(open) : text(MARK + MARK));
      open = null;
    }
  });
  return mergeText(out);
}

function spoiler(children: PhrasingContent[]): PhrasingContent {
  // An mdast `emphasis` only as a carrier: hName makes it a <span data-spoiler> in the output.
  return {
    type: 'emphasis',
    children,
    data: { hName: 'span', hProperties: { dataSpoiler: true }, spoiler: true } as never,
  };
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && !node.data && prev?.type === 'text' && !prev.data) prev.value += node.value;
    else out.push(node);
  }
  return out;
}
