/** Largest side sent to main: QR codes stay readable well below this, and the message stays small. */
const MAX_SIDE = 1024;

function toBase64(bytes: Uint8ClampedArray): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Draws any image the browser can read (PNG, JPEG, WebP, GIF, a screenshot on the clipboard)
 * onto a canvas and returns its RGBA pixels, so main's QR reader never needs an image decoder.
 */
export async function imagePixels(blob: Blob): Promise<{ width: number; height: number; rgbaBase64: string }> {
  const bitmap = await createImageBitmap(blob);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const data = ctx.getImageData(0, 0, width, height).data;
  return { width, height, rgbaBase64: toBase64(data) };
}
