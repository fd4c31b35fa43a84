import { useCallback, useRef, useState } from 'react';

import { useAppDispatch } from '../../../app/hooks';
import { loadNewer, loadOlder } from '../historyThunks';
import type { TopicMessages } from '../messagesAdapter';

/**
 * Infinite scroll both ways: older history when the list reaches its top, newer at the end of a window
 * that does not reach the present. Virtuoso keeps the view steady on prepend (`firstItemIndex`).
 */
export function useHistoryPaging(topicId: string, window: TopicMessages | undefined) {
  const dispatch = useAppDispatch();
  const [paging, setPaging] = useState<'older' | 'newer' | null>(null);
  const busy = useRef(false);
  const hasOlder = !!window?.hasOlder;
  const hasNewer = !!window?.hasNewer;

  const page = useCallback(
    (which: 'older' | 'newer') => {
      if (busy.current) return;
      busy.current = true;
      setPaging(which);
      dispatch(which === 'older' ? loadOlder(topicId) : loadNewer(topicId))
        .catch(() => undefined)
        .finally(() => {
          busy.current = false;
          setPaging(null);
        });
    },
    [dispatch, topicId],
  );
  const onTopReached = useCallback(() => hasOlder && page('older'), [hasOlder, page]);
  const onEndReached = useCallback(() => hasNewer && page('newer'), [hasNewer, page]);
  return { paging, onTopReached, onEndReached };
}
