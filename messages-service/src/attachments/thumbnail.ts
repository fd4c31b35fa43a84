// Thumbnails with sharp: at most 320×320 (never enlarged), WebP, EXIF orientation applied. The pixel limit
// keeps a decompression bomb from taking the process's memory.
import sharp from 'sharp';

import type { Thumbnailer } from './object-store.js';

const BOX = 320;
const MAX_INPUT_PIXELS = 40_000_000;

export const sharpThumbnailer: Thumbnailer = {
  async thumbnail(image) {
    try {
      const source = sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
      const meta = await source.metadata();
      if (!meta.width || !meta.height) return null;
      // Orientations 5-8 swap width and height on screen.
      const swapped = (meta.orientation ?? 1) >= 5;
      const body = await source
        .rotate()
        .resize(BOX, BOX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      return {
        body,
        contentType: 'image/webp',
        width: swapped ? meta.height : meta.width,
        height: swapped ? meta.width : meta.height,
      };
    } catch {
      return null;
    }
  },
};
