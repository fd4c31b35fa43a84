import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '../../test/utils';
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
});
