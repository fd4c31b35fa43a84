import { lazy, Suspense } from 'react';

import type { Markdown as MarkdownRenderer, MarkdownProps } from './Markdown';
import { mayHaveMarkup } from './plainText';

/**
 * The markdown renderer (react-markdown + remark-gfm, ~50 kB gzipped) is a chunk of its own, so it does not
 * hold up the topic view. Its download starts as soon as this module loads (with the message pane), in
 * parallel with the history request; plain messages never wait for it, and a message with markup shows
 * as plain text for the moment until it is there.
 */
let loaded: typeof MarkdownRenderer | null = null;
export const markdownReady = import('./Markdown').then((m) => {
  loaded = m.Markdown;
});
const Renderer = lazy(() => markdownReady.then(() => ({ default: loaded! })));

export function LazyMarkdown({ body, partyId, inline = false }: MarkdownProps) {
  if (!mayHaveMarkup(body)) return inline ? <span>{body}</span> : <p>{body}</p>;
  // Once the chunk is in, render it directly (React.lazy would still suspend on its first use).
  if (loaded) {
    const Loaded = loaded;
    return <Loaded body={body} partyId={partyId} inline={inline} />;
  }
  return (
    <Suspense fallback={inline ? <span>{body}</span> : <p style={{ whiteSpace: 'pre-wrap' }}>{body}</p>}>
      <Renderer body={body} partyId={partyId} inline={inline} />
    </Suspense>
  );
}
