import { useEffect, useRef } from 'react';

// "Edit my last message" (Up arrow in an empty composer), asked of the topic's pane: only the pane knows
// the loaded history, and my last message may be a row the virtualized list has not rendered.
type Listener = (topicId: string) => void;
const listeners = new Set<Listener>();

export function requestEditLast(topicId: string): void {
  listeners.forEach((listener) => listener(topicId));
}

/** Calls `onRequest` when the composer of `topicId` asks to edit my last message. */
export function useEditLastRequest(topicId: string, onRequest: () => void): void {
  const latest = useRef(onRequest);
  latest.current = onRequest;
  useEffect(() => {
    const listener: Listener = (id) => {
      if (id === topicId) latest.current();
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [topicId]);
}
