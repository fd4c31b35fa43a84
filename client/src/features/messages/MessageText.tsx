import { Link, Text } from '@chakra-ui/react';
import { memo, type ReactNode } from 'react';

import { tokenize } from './linkify';

/** Message text as text: React escapes it, and only vetted http(s) URLs become links. */
export const MessageText = memo(function MessageText({
  body,
  children,
}: {
  body: string;
  children?: ReactNode;
}) {
  return (
    <Text as="div" whiteSpace="pre-wrap" wordBreak="break-word" lineHeight="1.5">
      {tokenize(body).map((token, i) =>
        token.kind === 'link' ? (
          <Link
            key={i}
            href={token.href}
            target="_blank"
            rel="noopener noreferrer"
            color="fg.link"
            textDecoration="underline"
          >
            {token.text}
          </Link>
        ) : (
          <span key={i}>{token.text}</span>
        ),
      )}
      {children}
    </Text>
  );
});
