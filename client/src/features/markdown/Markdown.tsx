import { createContext, memo, useContext, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Element, ElementContent } from 'hast';

import { CodeBlock } from './CodeBlock';
import { Mention } from './Mention';
import { mayHaveMarkup } from './plainText';
import { remarkChat } from './remarkChat';
import { urlTransform } from './safeUrl';
import { Spoiler } from './Spoiler';

/** Which party's members name the `<@id>` mentions. */
const PartyContext = createContext<string | undefined>(undefined);

const textOf = (node: ElementContent | undefined): string =>
  !node
    ? ''
    : node.type === 'text'
      ? node.value
      : 'children' in node
        ? node.children.map(textOf).join('')
        : '';

const Anchor = ({ href, children }: ComponentProps<'a'>) => {
  // No href left: the URL was not http(s)/mailto (urlTransform dropped it). Show the text only.
  if (!href) return <span>{children}</span>;
  const external = !href.startsWith('mailto:');
  return (
    <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  );
};

const Heading = ({ children }: { children?: React.ReactNode }) => (
  // A message is not a document: headings read as bold lines, not as landmarks of the page outline.
  <p>
    <strong>{children}</strong>
  </p>
);

const MentionOrSpan = ({ node, children }: ComponentProps<'span'> & { node?: Element }) => {
  const partyId = useContext(PartyContext);
  const props = node?.properties ?? {};
  if (props.dataSpoiler) return <Spoiler>{children}</Spoiler>;
  if (typeof props.dataMention === 'string') {
    const kind = props.dataMention as 'user' | 'everyone' | 'here';
    const userId = typeof props.dataUserId === 'string' ? props.dataUserId : undefined;
    return <Mention kind={kind} userId={userId} partyId={partyId} />;
  }
  return <span>{children}</span>;
};

const components: Components = {
  a: Anchor,
  // Images are never loaded from a message (tracking pixels, huge files): a link to them instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? <Anchor href={src}>{alt || src}</Anchor> : <span>{alt}</span>,
  pre: ({ node }) => {
    const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    const classes = code?.properties.className;
    const language = Array.isArray(classes)
      ? classes
          .map(String)
          .find((c) => c.startsWith('language-'))
          ?.slice('language-'.length)
      : undefined;
    return <CodeBlock code={textOf(code).replace(/\n$/, '')} language={language?.toLowerCase()} />;
  },
  span: MentionOrSpan,
  // GFM task lists: a glyph instead of an unlabelled disabled checkbox.
  input: ({ checked }) => (
    <span role="img" aria-label={checked ? 'Done' : 'Not done'}>
      {checked ? '☑' : '☐'}
    </span>
  ),
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

/** Text and inline formatting only, nothing to click: a block becomes its text followed by a space. */
const Flat = ({ children }: { children?: React.ReactNode }) => <span>{children} </span>;

/**
 * One-line previews (a reply's quote of its original, which is itself a button): formatting and mentions as
 * in the message, links as their text, code blocks as inline code, and a spoiler still covered — it is
 * revealed in the message itself, never in a preview.
 */
const inlineComponents: Components = {
  ...Object.fromEntries(
    ['p', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'th'].map(
      (tag) => [tag, Flat],
    ),
  ),
  a: ({ children }) => <span>{children}</span>,
  img: ({ alt }) => <span>{alt}</span>,
  pre: ({ node }) => <code>{textOf(node).replace(/\n$/, '')}</code>,
  input: components.input,
  span: ({ node, children }: ComponentProps<'span'> & { node?: Element }) =>
    node?.properties.dataSpoiler ? (
      <span className="md-spoiler" aria-label="spoiler">
        <span className="md-spoiler-content" aria-hidden>
          {children}
        </span>
      </span>
    ) : (
      <MentionOrSpan node={node}>{children}</MentionOrSpan>
    ),
};

const remarkPlugins = [remarkGfm, remarkChat];

/**
 * Message markdown (CommonMark + GFM + spoilers and mentions) as React elements. No raw HTML ever reaches
 * the page: HTML in the text becomes text (remarkChat), `skipHtml` guards anything left, links keep only
 * http(s) and mailto URLs, and images become links.
 */
export interface MarkdownProps {
  body: string;
  /** The party whose members name the `<@id>` mentions. */
  partyId?: string;
  /** One line, nothing interactive (previews). */
  inline?: boolean;
}

export const Markdown = memo(function Markdown({ body, partyId, inline = false }: MarkdownProps) {
  if (!mayHaveMarkup(body)) return inline ? <span>{body}</span> : <p>{body}</p>;
  return (
    <PartyContext.Provider value={partyId}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        skipHtml
        urlTransform={urlTransform}
        components={inline ? inlineComponents : components}
      >
        {body}
      </ReactMarkdown>
    </PartyContext.Provider>
  );
});
