import { memo, type ReactNode } from 'react';

import { LazyMarkdown } from '../markdown/LazyMarkdown';
import { MARKDOWN_CLASS, MESSAGE_TEXT_CLASS } from '../markdown/markdownStyles';

/**
 * Message text as markdown rendered to React elements (never to an HTML string): React escapes the text,
 * raw HTML stays text, and only http(s)/mailto URLs become links. `children` (the "(edited)" button) sits
 * at the end of the last line.
 */
export const MessageText = memo(function MessageText({
  body,
  partyId,
  children,
}: {
  body: string;
  /** The party whose members name the `<@id>` mentions. */
  partyId?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`${MESSAGE_TEXT_CLASS} ${MARKDOWN_CLASS}`}>
      <div className="md">
        <LazyMarkdown body={body} partyId={partyId} />
      </div>
      {children}
    </div>
  );
});
