import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { LatchError } from '../model/errors';
import { checkPngSize } from './png-size';

/**
 * The text of the QR code in a PNG image (a screenshot, a saved file). Only PNG is decoded here:
 * the renderer can turn any other image into pixels with a canvas and call decodeQrRgba.
 * The declared size is checked before anything is inflated.
 */
export function decodeQrPng(image: Uint8Array): string {
  checkPngSize(image);
  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = PNG.sync.read(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  } catch (e) {
    throw new LatchError('ERR_BAD_INPUT', 'This PNG image is damaged and cannot be read.', {
      cause: e,
      detail: { field: 'image' },
    });
  }
  return decodeQrRgba(
    new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
    decoded.width,
    decoded.height,
  );
}

/** The text of the QR code in raw RGBA pixels (4 bytes per pixel). */
export function decodeQrRgba(rgba: Uint8ClampedArray, width: number, height: number): string {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width <= 0 ||
    height <= 0 ||
    rgba.length !== width * height * 4
  ) {
    throw new LatchError('ERR_BAD_INPUT', 'The image size does not match its pixel data.', {
      detail: { field: 'image' },
    });
  }
  // Dark-mode screenshots show light-on-dark codes, so inverted images are tried too.
  const found = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' });
  if (found === null || found.data === '') {
    throw new LatchError('ERR_BAD_INPUT', 'No QR code was found in the image. Crop closer to the code and try again.', {
      detail: { field: 'image' },
    });
  }
  return found.data;
}
