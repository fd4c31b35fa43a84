import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';

import { BOB, ME, mockFetch, PARTY_ID, renderWithProviders } from '../../test/utils';
import { MessageText } from '../messages/MessageText';
import { LazyMarkdown, markdownReady } from './LazyMarkdown';

const render = (body: string) => renderWithProviders(<MessageText body={body} partyId={PARTY_ID} />);

// The renderer is a lazy chunk; the tests look at what it renders once loaded.
beforeAll(() => markdownReady);

describe('message markdown', () => {
  it('renders bold, italic, strikethrough and inline code', () => {
    const { container } = render('**bold** *italic* ~~gone~~ `a < b`');
    expect(container.querySelector('strong')).toHaveTextContent('bold');
    expect(container.querySelector('em')).toHaveTextContent('italic');
    expect(container.querySelector('del')).toHaveTextContent('gone');
    expect(container.querySelector('code')).toHaveTextContent('a < b');
  });

  it('renders block quotes, lists and line breaks as typed', () => {
    const { container } = render('> quoted\n\n- one\n- two\n\n1. first\n\nline a\nline b');
    expect(container.querySelector('blockquote')).toHaveTextContent('quoted');
    expect(container.querySelectorAll('ul > li')).toHaveLength(2);
    expect(container.querySelector('ol > li')).toHaveTextContent('first');
    expect(container.querySelector('br')).not.toBeNull();
  });

  it('a fenced code block is highlighted once its language loads, its text unchanged', async () => {
    const { container } = render('```js\nconst x = "<b>";\n```');
    const code = container.querySelector('pre code')!;
    expect(code.textContent).toBe('const x = "<b>";');
    await waitFor(() => expect(code.querySelector('.hljs-keyword')).toHaveTextContent('const'));
    expect(code.querySelector('.hljs-string')).toHaveTextContent('"<b>"');
    expect(code.querySelector('b')).toBeNull();
    expect(code.textContent).toBe('const x = "<b>";');
  });

  it('a code block in an unknown language stays plain text', async () => {
    const { container } = render('```klingon\nqapla\n```');
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(container.querySelector('pre code')?.innerHTML).toBe('qapla');
  });

  it('a spoiler hides its text until clicked, and opens with Enter from the keyboard', () => {
    const { container } = render('the end: ||**Bruce** did it|| and ||more||');
    const [first, second] = screen.getAllByRole('button', { name: 'Spoiler, press to reveal' });
    expect(first!.querySelector('strong')).toHaveTextContent('Bruce');
    expect(getComputedStyle(first!.firstElementChild!).visibility).toBe('hidden');
    fireEvent.click(first!);
    expect(screen.getAllByRole('button', { name: 'Spoiler, press to reveal' })).toHaveLength(1);
    fireEvent.keyDown(second!, { key: 'Enter' });
    expect(screen.queryByRole('button', { name: /spoiler/i })).toBeNull();
    expect(container.textContent).toBe('the end: Bruce did it and more');
  });

  it('an unpaired spoiler mark and marks inside code stay text', () => {
    const { container } = render('a || b `||c||`');
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.textContent).toBe('a || b ||c||');
  });

  it('mentions show the member’s current name, unknown ids as @unknown-user, @everyone highlighted', async () => {
    mockFetch(({ path }) =>
      path === `/api/parties/${PARTY_ID}/members`
        ? {
            status: 200,
            body: [
              {
                userId: BOB.id,
                username: 'bob',
                displayName: 'Bobby',
                avatarUrl: null,
                role: 'member',
                joinedAt: ME.createdAt,
              },
            ],
          }
        : { status: 404 },
    );
    const { container } = render(
      `hi <@${BOB.id}> and <@00000000-0000-4000-8000-00000000dead>, @everyone look; mail me@here.example`,
    );
    await waitFor(() => expect(screen.getByText('@Bobby')).toHaveAttribute('data-mention', 'user'));
    expect(screen.getByText('@unknown-user')).toHaveAttribute('data-mention', 'user');
    expect(screen.getByText('@everyone')).toHaveAttribute('data-mention', 'everyone');
    expect(container.querySelectorAll('[data-mention]')).toHaveLength(3);
  });

  it('plain text without markup takes the fast path and looks the same', () => {
    const { container } = render('just a plain sentence, nothing more');
    expect(container.querySelector('.md')?.innerHTML).toBe('<p>just a plain sentence, nothing more</p>');
  });

  it('a one-line preview keeps formatting and mentions, shows links as text and keeps a spoiler covered', () => {
    const { container } = renderWithProviders(
      <LazyMarkdown
        body={`**bold** [site](https://example.com) ||secret|| \`x\` <@${BOB.id}>`}
        partyId={PARTY_ID}
        inline
      />,
    );
    expect(container.querySelector('strong')).toHaveTextContent('bold');
    expect(container.querySelector('code')).toHaveTextContent('x');
    expect(container.querySelector('a')).toBeNull();
    expect(container).toHaveTextContent('site');
    expect(container.querySelector('p, blockquote, li')).toBeNull();
    // Nothing to click inside a preview (it is itself a button), and the spoiler is not revealed there.
    expect(container.querySelector('[role="button"], button')).toBeNull();
    expect(container.querySelector('.md-spoiler-content')).toHaveTextContent('secret');
    expect(container.querySelector('.md-spoiler-content')).toHaveAttribute('aria-hidden');
    expect(container.querySelector('.md-mention')).not.toBeNull();
  });
});
