import { useEffect, useRef } from 'react';

// "Edit this message" from outside the item (Up arrow in an empty composer). A plain subscription, since
// the request is an event, not state: nothing should re-render when it happens, except the item asked.
type Listener = (messageId: string) => void;
const listeners = new Set<Listener>();

export function requestEdit(messageId: string): void {
  listeners.forEach((listener) => listener(messageId));
}

/** Calls `onRequest` when someone asks to edit `messageId`. */
export function useEditRequest(messageId: string, onRequest: () => void): void {
  const latest = useRef(onRequest);
  latest.current = onRequest;
  useEffect(() => {
    const listener: Listener = (id) => {
      if (id === messageId) latest.current();
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [messageId]);
}
