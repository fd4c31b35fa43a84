// The browser's Notification API, asked for only when the user presses a button (never on load: browsers
// penalise sites that prompt unasked, and a prompt out of nowhere gets "Block").

export type Permission = NotificationPermission | 'unsupported';

const DISMISSED_KEY = 'partyline:notifications:prompt-dismissed';

export function notificationPermission(): Permission {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function requestNotificationPermission(): Promise<Permission> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/** "Not now" is remembered on this device, so the prompt does not come back on every visit. */
export function promptDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissPrompt(): void {
  try {
    localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // storage disabled: the prompt stays dismissed for this page's life (the caller's state)
  }
}

const EXCERPT_MAX = 140;

/** The notification's text: mention tokens as @names, one line, cut at a word. */
export function notificationExcerpt(body: string, nameOf: (userId: string) => string | undefined): string {
  const text = body
    .replace(/<@([0-9a-fA-F-]{36})>/g, (_all, id: string) => `@${nameOf(id) ?? 'someone'}`)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= EXCERPT_MAX) return text;
  const cut = text.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

export interface ShownNotification {
  title: string;
  body: string;
  /** One notification per message, even if the same message arrives twice (live and from a sync). */
  tag: string;
  onClick: () => void;
}

export function showNotification({ title, body, tag, onClick }: ShownNotification): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, icon: '/favicon.svg' });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some mobile browsers allow notifications from service workers only: nothing to show here.
  }
}
