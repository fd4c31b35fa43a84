import { describe, expect, it } from 'vitest';

import { signedInStore } from '../../test/utils';
import { readDraft, saveDraft } from '../messages/drafts';
import { signedOut } from './authSlice';

describe('signing out', () => {
  it("forgets the tab's unsent drafts, so the next person at this browser does not find them", () => {
    const store = signedInStore();
    saveDraft('topic-1', 'half a thought');
    saveDraft('topic-2', 'another');
    sessionStorage.setItem('unrelated', 'kept');
    expect(readDraft('topic-1')).toBe('half a thought');

    store.dispatch(signedOut());

    expect(readDraft('topic-1')).toBe('');
    expect(readDraft('topic-2')).toBe('');
    expect(sessionStorage.getItem('unrelated')).toBe('kept');
    expect(store.getState().auth.user).toBeNull();
  });
});
