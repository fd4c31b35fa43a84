import { useEffect, useState, type ReactNode } from 'react';

/**
 * A fenced code block: shown as plain text at once, then highlighted when the highlighter (a lazy chunk)
 * has loaded. Same text either way, so the row keeps its height.
 */
export function CodeBlock({ code, language }: { code: string; language: string | undefined }) {
  const [highlighted, setHighlighted] = useState<ReactNode[] | null>(null);
  useEffect(() => {
    setHighlighted(null);
    if (!language) return;
    let live = true;
    import('./highlight')
      .then(({ highlightCode }) => {
        if (live) setHighlighted(highlightCode(code, language));
      })
      .catch(() => undefined); // plain text is a fine fallback
    return () => {
      live = false;
    };
  }, [code, language]);
  return (
    <pre data-language={language}>
      <code>{highlighted ?? code}</code>
    </pre>
  );
}
