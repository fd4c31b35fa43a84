import { screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { message, ME, renderWithProviders } from '../../test/utils';
import { MessageItem } from './MessageItem';
import { MessageText } from './MessageText';
import { markdownReady } from '../markdown/LazyMarkdown';

// The renderer is a lazy chunk; the tests look at what it renders once loaded.
beforeAll(() => markdownReady);

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

  it.each([
    ['a markdown link to javascript:', '[click](javascript:alert(1))'],
    [
      'an obfuscated javascript: link',
      '[click](JaVaScRiPt:alert(1)) [x](java&#x09;script:alert(1)) [y](%6Aavascript:alert(1))',
    ],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript: link', '[x](vbscript:msgbox(1))'],
    ['a reference-style javascript: link', '[x][evil]\n\n[evil]: javascript:alert(1)'],
    ['an autolink with a script scheme', '<javascript:alert(1)>'],
    ['a relative and a protocol-relative link', '[x](/api/auth/logout) [y](//evil.example/x)'],
  ])('%s stays inert text', (_name, body) => {
    const { container } = renderWithProviders(<MessageText body={body} />);
    expect(container.querySelector('a, script, iframe, img')).toBeNull();
    expect(container.querySelector('[href], [src]')).toBeNull();
  });

  it.each([
    ['an image', '![pic](https://tracker.example/p.png)', 'https://tracker.example/p.png'],
    [
      'an image with an onerror title trick',
      '![x" onerror="alert(1)](https://e.example/a.png "t\\" onerror=\\"alert(1)")',
      'https://e.example/a.png',
    ],
  ])('%s is a link, never an <img> that loads', (_name, body, href) => {
    const { container } = renderWithProviders(<MessageText body={body} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.querySelector('a')).toHaveAttribute('href', href);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<details open ontoggle=alert(1)>',
    '**<img src=x onerror=alert(1)>**',
    '> <script>alert(1)</script>',
    '- <style>*{display:none}</style>',
  ])('raw HTML %s shows as the text it is', (body) => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    const { container } = renderWithProviders(<MessageText body={body} />);
    expect(container.querySelector('img, svg, iframe, script, style, details, a')).toBeNull();
    expect(container.querySelector('[onerror], [onload], [ontoggle]')).toBeNull();
    expect(container.textContent).toContain(body.replace(/^(\*\*|> |- )/, '').replace(/\*\*$/, ''));
    expect(alert).not.toHaveBeenCalled();
  });

  it('a mailto: link is allowed and does not open a new tab', () => {
    renderWithProviders(<MessageText body="[write](mailto:ops@example.com)" />);
    const link = screen.getByRole('link', { name: 'write' });
    expect(link).toHaveAttribute('href', 'mailto:ops@example.com');
    expect(link).not.toHaveAttribute('target');
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
