import { useState } from 'react';

import { useAppDispatch } from '../../../app/hooks';
import { loadNewer, loadOlder } from '../historyThunks';
import type { TopicMessages } from '../messagesAdapter';
import type { ScrollAnchoring } from './useScrollAnchoring';

/** Within this distance of the top, the page before the oldest message is fetched. */
const LOAD_OLDER_PX = 150;

/** Infinite scroll both ways: older history near the top, newer at the end of a window that is not live. */
export function useHistoryPaging(topicId: string, anchoring: ScrollAnchoring) {
  const dispatch = useAppDispatch();
  const [paging, setPaging] = useState<'older' | 'newer' | null>(null);

  /** After every scroll of a loaded window: `atBottom` is whether its end is now in view. */
  const pageOnScroll = (el: HTMLDivElement, window: TopicMessages, atBottom: boolean) => {
    if (el.scrollTop < LOAD_OLDER_PX && window.hasOlder && !paging) {
      anchoring.holdPosition(el);
      setPaging('older');
      dispatch(loadOlder(topicId))
        .catch(() => anchoring.releaseHold())
        .finally(() => setPaging(null));
    } else if (atBottom && window.hasNewer && !paging) {
      setPaging('newer');
      dispatch(loadNewer(topicId))
        .catch(() => undefined)
        .finally(() => setPaging(null));
    }
  };
  return { paging, pageOnScroll };
}
