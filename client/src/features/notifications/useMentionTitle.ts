import { useEffect } from 'react';

import { titleWithMentions } from '../unread/badges';

/**
 * `(3) …` before the tab's title while I have unread mentions. The pages set their own titles (a topic
 * names itself), so the count is put back whenever the title changes under it.
 */
export function useMentionTitle(mentions: number) {
  useEffect(() => {
    const apply = () => {
      const next = titleWithMentions(document.title, mentions);
      if (next !== document.title) document.title = next;
    };
    apply();
    const el = document.querySelector('title');
    const observer = el ? new MutationObserver(apply) : null;
    if (el) observer?.observe(el, { childList: true, characterData: true, subtree: true });
    return () => {
      observer?.disconnect();
      document.title = titleWithMentions(document.title, 0);
    };
  }, [mentions]);
}
