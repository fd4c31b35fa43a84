import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders, TOPIC_ID } from '../../test/utils';
import { loadShortcodes } from '../emoji/shortcodes';
import { getReplyTarget, setReplyTarget } from '../replies/replyTarget';
import { Composer } from './Composer';

describe('the composer', () => {
  it('Enter sends the message and clears the box', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message #general" onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });

    await userEvent.type(box, 'hello there{Enter}');

    expect(onSend).toHaveBeenCalledWith('hello there');
    expect(box).toHaveValue('');
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });

    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveValue('line one\nline two');

    await userEvent.type(box, '{Enter}');
    expect(onSend).toHaveBeenCalledWith('line one\nline two');
  });

  it('does not send an empty or blank message', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={onSend} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('reports typing while the user writes', async () => {
    const onTyping = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={vi.fn()} onTyping={onTyping} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'hi');
    expect(onTyping).toHaveBeenCalled();
  });

  it('the send button works for mouse and keyboard users', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={onSend} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'clicked');
    await userEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(onSend).toHaveBeenCalledWith('clicked');
  });

  it('a known :shortcode: becomes its emoji when the closing colon is typed', async () => {
    await loadShortcodes();
    renderWithProviders(<Composer placeholder="Message" onSend={vi.fn()} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'party :tada: now :nope:');
    expect(box).toHaveValue('party 🎉 now :nope:');
    // The caret stays right after the emoji: typing goes on from there.
    expect((box as HTMLTextAreaElement).selectionStart).toBe('party 🎉 now :nope:'.length);
  });

  it('codes typed before the table loaded are replaced on send, sends keeping their order', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'one :fire:{Enter}two{Enter}');
    await waitFor(() => expect(onSend).toHaveBeenCalledTimes(2));
    expect(onSend.mock.calls).toEqual([['one 🔥'], ['two']]);
  });

  it('while replying, shows who is answered, sends the reply id, and Escape cancels', async () => {
    const onSend = vi.fn();
    renderWithProviders(<Composer placeholder="Message" onSend={onSend} draftKey={TOPIC_ID} />);
    act(() =>
      setReplyTarget(TOPIC_ID, { messageId: 'm-7', seq: 7, authorName: 'Bob', excerpt: 'lunch at noon?' }),
    );
    expect(screen.getByTestId('reply-bar')).toHaveTextContent('Replying to Bob: lunch at noon?');
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveFocus();
    await userEvent.type(box, 'yes{Enter}');
    expect(onSend).toHaveBeenCalledWith('yes', { replyToId: 'm-7' });
    expect(screen.queryByTestId('reply-bar')).toBeNull();

    act(() => setReplyTarget(TOPIC_ID, { messageId: 'm-8', seq: 8, authorName: 'Bob', excerpt: 'x' }));
    await userEvent.type(box, '{Escape}');
    expect(screen.queryByTestId('reply-bar')).toBeNull();
    expect(getReplyTarget(TOPIC_ID)).toBeNull();
    await userEvent.type(box, 'plain{Enter}');
    expect(onSend).toHaveBeenLastCalledWith('plain');
  });

  it('the emoji button opens the picker, and Escape inside it closes it', async () => {
    // emoji-mart watches its category sections; jsdom has no IntersectionObserver.
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    renderWithProviders(<Composer placeholder="Message" onSend={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add emoji' }));
    const dialog = await screen.findByRole('dialog', { name: 'Emoji picker' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Emoji picker' })).toBeNull());
    vi.unstubAllGlobals();
  });
});
