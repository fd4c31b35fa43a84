// Loaded on demand by CodeBlock (a dynamic import): highlight.js and its grammars stay out of the main
// chunks until a message with a fenced code block in a known language is on screen.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createElement, type ReactNode } from 'react';

const languages = {
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, grammar] of Object.entries(languages)) hljs.registerLanguage(name, grammar);

const SCOPE_CLASS = /^hljs-[\w-]+$|^language-[\w-]+$|^_+$/;

/**
 * The code as React elements with highlight.js's token classes, or null for a language it does not know.
 * highlight.js answers with an HTML string (its input escaped, wrapped in `<span class="hljs-…">`). That
 * string is never inserted as HTML: it is parsed in an inert DOMParser document (no script runs, nothing
 * loads), and only its text and the class names of its spans become React elements.
 */
export function highlightCode(code: string, language: string): ReactNode[] | null {
  if (!hljs.getLanguage(language)) return null;
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return toReact(doc.body.childNodes, 'h');
}

function toReact(nodes: NodeListOf<ChildNode>, prefix: string): ReactNode[] {
  return Array.from(nodes, (node, i): ReactNode => {
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'SPAN') {
      const className = Array.from((node as Element).classList)
        .filter((c) => SCOPE_CLASS.test(c))
        .join(' ');
      const key = `${prefix}.${i}`;
      return createElement('span', { key, className }, ...toReact(node.childNodes, key));
    }
    return node.textContent;
  });
}
