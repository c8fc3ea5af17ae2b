import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../main/security/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('buildCsp', () => {
  it('allows scripts only from the app itself: no remote, no inline, no eval', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(buildCsp()).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('connects only to itself, plus the loopback origins it is given', () => {
    expect(directives(buildCsp()).get('connect-src')).toEqual(["'self'"]);
    expect(directives(buildCsp({ connectSrc: ['ws://127.0.0.1:4567'] })).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:4567',
    ]);
  });

  it('refuses a connect-src that is not loopback', () => {
    expect(() => buildCsp({ connectSrc: ['https://evil.example'] })).toThrow();
    expect(() => buildCsp({ connectSrc: ['ws://10.0.0.1:80'] })).toThrow();
    expect(() => buildCsp({ connectSrc: ['*'] })).toThrow();
  });
});
