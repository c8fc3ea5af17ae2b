import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  buildOtpAuthUri,
  decodeQrPng,
  decodeQrRgba,
  parseOtpAuthUri,
  qrPng,
  qrPngDataUrl,
  qrSvg,
} from '../../../main/core/totp';
import { pngDeclaring } from '../../support/png-bomb';
import { catchLatchError } from './helpers/catch-error';
import { MIXED_FIXTURE, migrationUri } from './helpers/migration-encoder';

const uri = buildOtpAuthUri({
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  issuer: 'ACME Co',
  account: 'john@example.com',
  algorithm: 'SHA256',
  digits: 8,
});

describe('QR', () => {
  it('refuses a PNG that declares more than 4,000 × 4,000 pixels before inflating it', () => {
    const bomb = pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const start = performance.now();
    const e = catchLatchError(() => decodeQrPng(bomb));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(e.code).toBe('ERR_BAD_INPUT');
    expect(e.detail).toMatchObject({ width: 20_000, height: 20_000, max: 4000 });
    // One pixel more than the bound in a single side is refused too; the bound itself is read.
    expect(catchLatchError(() => decodeQrPng(pngDeclaring(4001, 10))).detail).toMatchObject({ width: 4001 });
    expect(catchLatchError(() => decodeQrPng(pngDeclaring(4000, 4))).detail).not.toHaveProperty('max');
  });

  it('a PNG made from a URI decodes back to the same URI', async () => {
    const png = await qrPng(uri);
    expect(decodeQrPng(png)).toBe(uri);
    expect(parseOtpAuthUri(decodeQrPng(png)).fields.digits).toBe(8);
  });

  it('the PNG data URL holds the same image', async () => {
    const dataUrl = await qrPngDataUrl(uri, 300);
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(decodeQrPng(Buffer.from(dataUrl.split(',')[1]!, 'base64'))).toBe(uri);
  });

  it('round-trips a long Google Authenticator export', async () => {
    const long = migrationUri(MIXED_FIXTURE);
    expect(decodeQrPng(await qrPng(long, 600))).toBe(long);
  });

  it('reads a light-on-dark (inverted) code', async () => {
    const png = PNG.sync.read(await qrPng(uri));
    const rgba = new Uint8ClampedArray(png.data);
    for (let i = 0; i < rgba.length; i += 4) {
      rgba[i] = 255 - rgba[i]!;
      rgba[i + 1] = 255 - rgba[i + 1]!;
      rgba[i + 2] = 255 - rgba[i + 2]!;
    }
    expect(decodeQrRgba(rgba, png.width, png.height)).toBe(uri);
  });

  it('makes an SVG document', async () => {
    const svg = await qrSvg(uri);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<path');
  });

  it('refuses non-PNG data, damaged PNGs and images without a code', () => {
    expect(catchLatchError(() => decodeQrPng(Buffer.from('GIF89a....'))).code).toBe('ERR_BAD_INPUT');
    const damaged = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)]);
    expect(catchLatchError(() => decodeQrPng(damaged)).code).toBe('ERR_BAD_INPUT');
    const blank = new Uint8ClampedArray(64 * 64 * 4).fill(255);
    expect(catchLatchError(() => decodeQrRgba(blank, 64, 64)).code).toBe('ERR_BAD_INPUT');
    expect(catchLatchError(() => decodeQrRgba(blank, 10, 10)).code).toBe('ERR_BAD_INPUT');
  });
});
