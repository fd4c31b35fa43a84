// Makes an avatar from an uploaded picture with sharp: EXIF orientation applied, cropped square around the
// centre, resized to AVATAR_SIZE, WebP without metadata (no GPS or camera data leaves with it). The header
// is read first, so a picture with too many pixels is refused before anything is decoded (a decompression
// bomb never takes the process's memory), and an animated one before its frames are.
import sharp, { type Metadata } from 'sharp';

import { AVATAR_SIZE, AppError } from '@partyline/contracts';

/** 40 megapixels: any phone's photo, but not a 20000×20000 bomb of a few kilobytes. */
export const AVATAR_MAX_INPUT_PIXELS = 40_000_000;

/** Decoded formats accepted (what the bytes are, whatever type was declared): never SVG, PDF or TIFF. */
const FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

const unusable = () =>
  new AppError('AVATAR.UNUSABLE', 'The picture could not be read as a PNG, JPEG, WebP or GIF image');

export async function makeAvatar(picture: Buffer): Promise<Buffer> {
  let meta: Metadata;
  try {
    meta = await sharp(picture, { limitInputPixels: false }).metadata();
  } catch {
    throw unusable();
  }
  if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) throw unusable();
  if ((meta.pages ?? 1) > 1) {
    throw new AppError('AVATAR.ANIMATED', 'An avatar is a still picture; this one is animated');
  }
  if (meta.width * meta.height > AVATAR_MAX_INPUT_PIXELS) {
    throw new AppError(
      'AVATAR.TOO_MANY_PIXELS',
      `The picture has ${meta.width}×${meta.height} pixels; at most ${AVATAR_MAX_INPUT_PIXELS / 1_000_000} megapixels`,
    );
  }
  try {
    return await sharp(picture, { limitInputPixels: AVATAR_MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw unusable();
  }
}
