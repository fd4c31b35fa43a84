// How an uploaded file is named, stored and served so that it can never run script in the app's origin:
// only a few raster image types are ever shown inline; everything else (HTML, SVG, XML, scripts, anything
// unknown) is served as an opaque download. Downloads also come from the storage's own origin, not the app's.

/** Raster images a browser shows but cannot execute; the only types served inline and thumbnailed. */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Types served with their own Content-Type (as downloads): harmless to label correctly, useful to the OS that
 * opens the saved file. Anything not listed is application/octet-stream.
 */
const LABELLED_DOWNLOAD_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/json',
  'text/plain',
  'text/csv',
  'text/markdown',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/webm',
  'image/avif',
  'image/bmp',
  'image/tiff',
]);

/** `Image/PNG; charset=x` → `image/png` (parameters dropped: they are not ours to pass on). */
export function normalizeContentType(declared: string): string {
  return (declared.split(';')[0] ?? '').trim().toLowerCase();
}

export const isInlineImage = (contentType: string): boolean =>
  INLINE_IMAGE_TYPES.has(normalizeContentType(contentType));

export interface ServedAs {
  contentType: string;
  disposition: string;
  inline: boolean;
}

/** The Content-Type and Content-Disposition a presigned GET forces, whatever the object was stored with. */
export function servedAs(contentType: string, fileName: string): ServedAs {
  const type = normalizeContentType(contentType);
  const inline = INLINE_IMAGE_TYPES.has(type);
  const served = inline || LABELLED_DOWNLOAD_TYPES.has(type) ? type : 'application/octet-stream';
  return {
    contentType: served,
    disposition: contentDisposition(inline ? 'inline' : 'attachment', fileName),
    inline,
  };
}

/** RFC 6266: an ASCII fallback name plus the exact UTF-8 name (RFC 8187), neither able to break the header. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A file name safe to show and to offer for saving: no path (last segment of / or \), no control or
 * bidi-override characters, no leading dots (hidden files), trimmed, at most `max` characters with the
 * extension kept. Never empty.
 */
export function sanitizeFileName(raw: string, max = 255): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    // C0/C1 controls, DEL, and the bidi overrides/isolates that make "gpj.exe" read as "exe.jpg".
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  const name = cleaned.length > 0 ? cleaned : 'file';
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return name.slice(0, max - ext.length) + ext;
}
