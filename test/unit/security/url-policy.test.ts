import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/security/sender-check';
import { APP_ORIGIN, isAppUrl, isSafeExternalUrl } from '../../../main/security/url-policy';

describe('isSafeExternalUrl', () => {
  it('accepts plain http(s) URLs', () => {
    expect(isSafeExternalUrl('https://github.com/login/device')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8080/callback')).toBe(true);
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'latch-app://bundle/index.html',
    'https://user:pass@example.com/',
    'not a url',
    'https://',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('knows the app origin and, in development, the dev server', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const trusted = new Set([7]);
  const ok = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, webContentsId: 7 };
  it('trusts the top frame of our window on our page', () => {
    expect(isTrustedSender(ok, trusted)).toBe(true);
  });
  it('refuses an iframe, another window, a foreign page or a gone frame', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, webContentsId: 8 }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' }, trusted)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, trusted)).toBe(false);
  });
});
