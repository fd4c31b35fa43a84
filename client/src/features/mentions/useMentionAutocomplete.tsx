import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useParams } from 'react-router-dom';

import { canManageParty, useGetMembersQuery } from '../members/membersApi';
import { useGetPartiesQuery } from '../parties/partiesApi';
import { MentionSuggestions } from './MentionSuggestions';
import { activeMention, insertMention, suggestionId, suggestMentions, type Suggestion } from './mentionQuery';
import { toStoredBody, usesGroupMention } from './mentionTokens';

interface Options {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (value: string) => void;
}

/**
 * `@` + letters in the composer opens a list of the party's members. The textarea keeps its textbox role
 * (a multi-line field may not be a combobox) and gets the combobox's wiring instead: aria-autocomplete,
 * aria-controls and aria-activedescendant pointing into a listbox, while focus stays in the text.
 */
export function useMentionAutocomplete({ inputRef, value, onChange }: Options) {
  const { partyId } = useParams();
  const { data: members } = useGetMembersQuery(partyId ?? '', { skip: !partyId });
  const { myRole } = useGetPartiesQuery(undefined, {
    skip: !partyId,
    selectFromResult: ({ data }) => ({ myRole: data?.find((p) => p.id === partyId)?.myRole }),
  });
  const canMentionGroups = canManageParty(myRole);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  // Escape closes the list for this `@` only; a new `@` opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const picked = useRef(new Map<string, string>());
  const caretAfterPick = useRef<number | null>(null);

  // The caret after every change of the text (typing, a pick, a restored draft).
  useEffect(() => {
    const el = inputRef.current;
    if (el) setCaret(el.selectionStart ?? value.length);
  }, [value, inputRef]);

  useLayoutEffect(() => {
    const el = inputRef.current;
    const at = caretAfterPick.current;
    if (!el || at === null) return;
    caretAfterPick.current = null;
    el.focus();
    el.setSelectionRange(at, at);
    setCaret(at);
  }, [value, inputRef]);

  const mention = focused ? activeMention(value, caret) : null;
  const open = mention !== null && mention.start !== dismissedAt;
  const query = open ? (mention?.query ?? null) : null;
  const suggestions = useMemo(
    () => (query === null ? [] : suggestMentions(members ?? [], query, canMentionGroups)),
    [query, members, canMentionGroups],
  );
  const shown = open && suggestions.length > 0;
  const index = Math.min(active, Math.max(0, suggestions.length - 1));

  const start = mention?.start;
  useEffect(() => setActive(0), [query, start]);

  const pick = useCallback(
    (s: Suggestion) => {
      if (!mention) return;
      const word = s.kind === 'member' ? s.username : s.word;
      if (s.kind === 'member') picked.current.set(s.username.toLowerCase(), s.userId);
      const next = insertMention(value, mention, caret, word);
      caretAfterPick.current = next.caret;
      onChange(next.text);
    },
    [mention, value, caret, onChange],
  );

  /** Handles the keys the open list owns; true when the composer must not act on the key itself. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!shown || e.nativeEvent.isComposing) return false;
    const n = suggestions.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      setActive((index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if ((e.key === 'Enter' && !e.shiftKey) || (e.key === 'Tab' && !e.shiftKey)) {
      const s = suggestions[index];
      if (s) pick(s);
    } else if (e.key === 'Escape') {
      setDismissedAt(mention?.start ?? null);
      e.stopPropagation(); // the list closes, not the drawer or dialog around the composer
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  };

  /** The body to send: `@username` of a member becomes the `<@id>` token the server stores. */
  const toStored = useCallback(
    (text: string) => {
      const known = new Map(picked.current);
      for (const m of members ?? []) if (m.username) known.set(m.username.toLowerCase(), m.userId);
      return toStoredBody(text, known);
    },
    [members],
  );

  const activeSuggestion = shown ? suggestions[index] : undefined;
  const inputProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': shown ? listId : undefined,
    'aria-activedescendant': activeSuggestion ? suggestionId(listId, activeSuggestion) : undefined,
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
    onSelect: (e: { currentTarget: HTMLTextAreaElement }) => setCaret(e.currentTarget.selectionStart),
  };

  const groupsRefused = !canMentionGroups && Boolean(partyId) && usesGroupMention(value);
  const popup: ReactNode = (
    <MentionSuggestions
      id={listId}
      suggestions={shown ? suggestions : []}
      activeIndex={index}
      onHover={setActive}
      onPick={pick}
      groupsRefused={groupsRefused}
    />
  );
  return { inputProps, onKeyDown, toStored, popup, isOpen: shown };
}
