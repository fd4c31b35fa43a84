import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { message, ME, renderWithProviders } from '../../test/utils';
import { MessageItem } from './MessageItem';
import { MessageText } from './MessageText';

describe('message rendering', () => {
  it('shows markup as text: no <img> element, no handler runs', () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    const { container } = renderWithProviders(<MessageText body={'<img src=x onerror=alert(1)>'} />);

    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(alert).not.toHaveBeenCalled();
  });

  it('keeps javascript: and data: links inert', () => {
    const { container } = renderWithProviders(
      <MessageText
        body={
          'click javascript:alert(1) or data:text/html,<script>alert(1)</script> or <a href="javascript:alert(2)">me</a>'
        }
      />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[href], [src], [onerror]')).toBeNull();
    expect(container.textContent).toContain('<a href="javascript:alert(2)">me</a>');
  });

  it('makes http(s) URLs clickable, opening in a new tab without an opener', () => {
    renderWithProviders(<MessageText body="docs at https://example.com/guide, thanks" />);
    const link = screen.getByRole('link', { name: 'https://example.com/guide' });
    expect(link).toHaveAttribute('href', 'https://example.com/guide');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('a full message item with hostile text renders no image or script either', () => {
    const hostile = message(1, {
      body: '<img src=x onerror=alert(1)> <script>alert(1)</script> javascript:alert(1)',
    });
    const { container } = renderWithProviders(
      <MessageItem
        message={hostile}
        compact={false}
        isMine={false}
        canDelete={false}
        onEdit={vi.fn()}
        onDelete={vi.fn()}
      />,
    );
    const body = container.querySelector('[data-testid="message-body"]')!;
    expect(body.querySelector('img, script, a')).toBeNull();
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows a deleted message as deleted', () => {
    renderWithProviders(
      <MessageItem
        message={message(2, { body: '', deletedAt: '2026-01-01T00:00:00.000Z', author: { ...ME } })}
        compact={false}
        isMine
        canDelete
        onEdit={vi.fn()}
        onDelete={vi.fn()}
      />,
    );
    expect(screen.getByText('This message was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Message actions' })).toBeNull();
  });
});
