import QRCode from 'qrcode';

/**
 * Error correction M: what authenticator set-up pages use; a 32-character secret link stays at a
 * size phone cameras read at arm's length, and it survives a little screen glare.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The QR for `text` (an otpauth:// link) as a standalone SVG document string. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

/** The QR for `text` as a data:image/png;base64 URL, for an <img> or for saving. */
export function qrPngDataUrl(text: string, size = 256): Promise<string> {
  return QRCode.toDataURL(text, { ...OPTIONS, type: 'image/png', width: size });
}

/** The QR as a PNG file's bytes. */
export function qrPng(text: string, size = 256): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: size });
}
