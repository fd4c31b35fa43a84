import {
  Box,
  Input,
  Kbd,
  Modal,
  ModalBody,
  ModalContent,
  ModalOverlay,
  Text,
  VisuallyHidden,
} from '@chakra-ui/react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { shallowEqual } from 'react-redux';
import { useNavigate } from 'react-router-dom';

import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { RootState } from '../../app/rootReducer';
import { topicsApi } from '../topics/topicsApi';
import { useGetPartiesQuery } from './partiesApi';

export interface SwitchTarget {
  id: string;
  kind: 'party' | 'topic';
  label: string;
  /** The party of a topic, shown beside it. */
  detail?: string;
  href: string;
}

/** Targets whose label (or party) contains every typed word; those that start with the text come first. */
export function filterTargets(targets: SwitchTarget[], text: string): SwitchTarget[] {
  const words = text.toLowerCase().trim().replace(/^#/, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return targets;
  const hay = (t: SwitchTarget) => `${t.label} ${t.detail ?? ''}`.toLowerCase();
  const first = words[0] ?? '';
  return targets
    .filter((t) => words.every((w) => hay(t).includes(w)))
    .sort(
      (a, b) =>
        Number(b.label.toLowerCase().startsWith(first)) - Number(a.label.toLowerCase().startsWith(first)),
    );
}

const EMPTY: never[] = [];

/** Every party and every topic of every party, as switch targets. */
function useTargets(isOpen: boolean): SwitchTarget[] {
  const dispatch = useAppDispatch();
  const { data: parties = EMPTY } = useGetPartiesQuery();
  // Topics of every party: subscribe while open (the current party's are cached already).
  useEffect(() => {
    if (!isOpen) return;
    const subs = parties.map((p) => dispatch(topicsApi.endpoints.getTopics.initiate(p.id)));
    return () => subs.forEach((s) => s.unsubscribe());
  }, [isOpen, parties, dispatch]);
  const topicsByParty = useAppSelector(
    (state: RootState) => parties.map((p) => topicsApi.endpoints.getTopics.select(p.id)(state).data),
    shallowEqual,
  );
  return useMemo(
    () =>
      parties.flatMap((p, i): SwitchTarget[] => [
        { id: p.id, kind: 'party', label: p.name, href: `/parties/${p.id}` },
        ...(topicsByParty[i] ?? []).map((t) => ({
          id: t.id,
          kind: 'topic' as const,
          label: t.name,
          detail: p.name,
          href: `/parties/${p.id}/topics/${t.id}`,
        })),
      ]),
    [parties, topicsByParty],
  );
}

/** Ctrl/Cmd+K: type to filter parties and topics, arrows to choose, Enter to go, Escape to close. */
export function QuickSwitcher({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const targets = useTargets(isOpen);
  const shown = useMemo(() => filterTargets(targets, text).slice(0, 50), [targets, text]);
  const current = shown[Math.min(active, shown.length - 1)];

  useEffect(() => {
    if (isOpen) {
      setText('');
      setActive(0);
    }
  }, [isOpen]);

  const go = (target: SwitchTarget | undefined) => {
    if (!target) return;
    onClose();
    navigate(target.href);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) =>
        shown.length === 0 ? 0 : (Math.min(i, shown.length - 1) + step + shown.length) % shown.length,
      );
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      go(current);
    }
  };

  const optionId = (t: SwitchTarget) => `switch-${t.kind}-${t.id}`;
  return (
    <Modal isOpen={isOpen} onClose={onClose} size="lg">
      <ModalOverlay />
      <ModalContent mx="4" mt="15vh" aria-label="Quick switcher">
        <ModalBody p="3">
          <Input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            placeholder="Jump to a topic or party…"
            aria-label="Jump to a topic or party"
            role="combobox"
            aria-expanded
            aria-controls="quick-switcher-list"
            aria-activedescendant={current ? optionId(current) : undefined}
            aria-autocomplete="list"
            size="lg"
            autoFocus
            data-testid="quick-switcher-input"
          />
          <Box
            as="ul"
            id="quick-switcher-list"
            role="listbox"
            aria-label="Topics and parties"
            listStyleType="none"
            mt="2"
            maxH="50vh"
            overflowY="auto"
          >
            {shown.map((t) => {
              const selected = t === current;
              return (
                <Box
                  as="li"
                  key={optionId(t)}
                  id={optionId(t)}
                  role="option"
                  aria-selected={selected}
                  onClick={() => go(t)}
                  onMouseMove={() => setActive(shown.indexOf(t))}
                  px="3"
                  py="2"
                  borderRadius="md"
                  cursor="pointer"
                  bg={selected ? 'bg.active' : undefined}
                  display="flex"
                  gap="2"
                  alignItems="baseline"
                  data-testid="quick-switcher-option"
                >
                  <Text as="span" fontWeight={selected ? 'semibold' : 'normal'} noOfLines={1}>
                    {t.kind === 'topic' ? `# ${t.label}` : t.label}
                  </Text>
                  <Text as="span" fontSize="xs" color={selected ? 'inherit' : 'fg.muted'} noOfLines={1}>
                    {t.kind === 'topic' ? t.detail : 'party'}
                  </Text>
                </Box>
              );
            })}
          </Box>
          {shown.length === 0 && (
            <Text px="3" py="2" color="fg.muted">
              Nothing matches “{text}”.
            </Text>
          )}
          <Text fontSize="xs" px="3" pt="2" aria-hidden>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> to choose · <Kbd>Enter</Kbd> to open · <Kbd>Esc</Kbd> to close
          </Text>
          <VisuallyHidden aria-live="polite">
            {shown.length} {shown.length === 1 ? 'match' : 'matches'}
          </VisuallyHidden>
        </ModalBody>
      </ModalContent>
    </Modal>
  );
}
