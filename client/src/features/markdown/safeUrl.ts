import type { UrlTransform } from 'react-markdown';

/**
 * Links may go to absolute http(s) URLs and to mailto: only. Everything else (javascript:, data:,
 * vbscript:, relative paths, protocol-relative `//host`) loses its URL, and the renderer shows the link
 * text as plain text.
 */
export function safeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.pathname ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}

export const urlTransform: UrlTransform = (url) => safeUrl(url);
