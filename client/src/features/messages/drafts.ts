// Unsent text per topic, kept in sessionStorage: it survives switching topics and reloading the tab, and is
// gone with the tab (a shared computer does not keep someone's half-written message for the next person).
const PREFIX = 'partyline:draft:';

export function readDraft(key: string): string {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(key: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(PREFIX + key, text);
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage full or disabled: the draft lives as long as the composer does.
  }
}

/** Forgets every draft (on sign-out). */
export function clearDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // nothing kept, nothing to clear
  }
}
