import { LatchError } from '../model/errors';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The largest image decoded: a QR code screenshot is far smaller, and 4,000 × 4,000 RGBA is
 * 64 MB. A 48 KB PNG can declare 20,000 × 20,000 pixels (1.6 GB once inflated), so the size
 * is checked before pngjs allocates anything.
 */
export const MAX_IMAGE_SIDE = 4000;

function notPng(): LatchError {
  return new LatchError('ERR_BAD_INPUT', 'This image is not a PNG. Save the QR code as PNG or take a screenshot.', {
    detail: { field: 'image' },
  });
}

/**
 * The width and height a PNG declares in its IHDR chunk, which the format puts first
 * (PNG spec §5.2, §11.2.2); read by hand because pngjs only reports it after inflating.
 * Throws ERR_BAD_INPUT for anything that is not a PNG or is larger than MAX_IMAGE_SIDE.
 */
export function checkPngSize(image: Uint8Array): { width: number; height: number } {
  if (image.length < 8 || PNG_SIGNATURE.some((b, i) => image[i] !== b)) throw notPng();
  if (image.length < 24 || String.fromCharCode(...image.subarray(12, 16)) !== 'IHDR') {
    throw new LatchError('ERR_BAD_INPUT', 'This PNG image is damaged and cannot be read.', {
      detail: { field: 'image' },
    });
  }
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      `This image is ${width} × ${height} pixels; Latch reads QR codes from images up to ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE}. Crop the screenshot to the code.`,
      { detail: { field: 'image', width, height, max: MAX_IMAGE_SIDE } },
    );
  }
  return { width, height };
}
