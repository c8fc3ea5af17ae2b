import { describe, expect, it } from 'vitest';
import { stsEndpoint } from '../../../main/core/integrations/sts-assume-role';
import { codeOf } from '../../support/error-code';

describe('stsEndpoint: where the signed AssumeRole request goes', () => {
  it("the region's own STS endpoint, or the override", () => {
    expect(stsEndpoint('eu-west-1', undefined).href).toBe('https://sts.eu-west-1.amazonaws.com/');
    expect(stsEndpoint('us-gov-west-1', '').href).toBe('https://sts.us-gov-west-1.amazonaws.com/');
    expect(stsEndpoint('eu-west-1', 'https://sts.example.internal:8443/').host).toBe('sts.example.internal:8443');
  });

  it('plain http only to this computer; a name that merely starts like loopback is not it', () => {
    for (const ok of ['http://127.0.0.1:4566/', 'http://localhost:4566', 'http://[::1]:4566/', 'HTTP://LOCALHOST/'])
      expect(
        codeOf(() => stsEndpoint('eu-west-1', ok)),
        ok,
      ).toBe('no error');
    for (const bad of [
      'http://sts.amazonaws.com/',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      'http://evil.example/#localhost',
      'ftp://127.0.0.1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ])
      expect(
        codeOf(() => stsEndpoint('eu-west-1', bad)),
        bad,
      ).toBe('ERR_BAD_INPUT');
  });

  it('a region that is not a region name cannot move the request to another host', () => {
    for (const region of [
      'evil.example/',
      'evil.example#',
      'x.evil.example?',
      'eu-west-1.evil.example',
      'a b',
      '',
      '@evil',
    ])
      expect(
        codeOf(() => stsEndpoint(region, undefined)),
        region,
      ).toBe('ERR_BAD_INPUT');
  });

  it('an override that is not a URL is refused as bad input', () => {
    expect(codeOf(() => stsEndpoint('eu-west-1', 'not a url'))).toBe('ERR_BAD_INPUT');
  });
});
