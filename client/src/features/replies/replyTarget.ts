import { useSyncExternalStore } from 'react';

/** The message the composer of a topic is answering: what its "Replying to" bar shows. */
export interface ReplyTarget {
  messageId: string;
  seq: number;
  authorName: string;
  excerpt: string;
}

// Per topic, in memory: a reply in progress is not worth keeping across reloads, unlike the draft.
const targets = new Map<string, ReplyTarget>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function setReplyTarget(topicId: string, target: ReplyTarget | null): void {
  if (target) targets.set(topicId, target);
  else if (!targets.delete(topicId)) return;
  notify();
}

export const getReplyTarget = (topicId: string): ReplyTarget | null => targets.get(topicId) ?? null;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function useReplyTarget(topicId: string | undefined): ReplyTarget | null {
  return useSyncExternalStore(subscribe, () => (topicId ? getReplyTarget(topicId) : null));
}

/** The first line of a body, shortened: what a reply's bar and quote show of the original. */
export function excerptOf(body: string, max = 100): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}
