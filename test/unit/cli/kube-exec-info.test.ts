import { describe, expect, it } from 'vitest';
import { MAX_EXEC_INFO, parseKubeExecInfo } from '../../../main/core/integrations/kube-exec-info';
import { LatchError } from '../../../main/core/model/errors';

const V1 = 'client.authentication.k8s.io/v1';
const info = (spec: unknown, apiVersion = V1) => JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });

const hasControl = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 0x20);

function refusal(text: string): LatchError {
  try {
    parseKubeExecInfo(text);
  } catch (e) {
    expect(e).toBeInstanceOf(LatchError);
    return e as LatchError;
  }
  throw new Error('parseKubeExecInfo accepted it');
}

describe('KUBERNETES_EXEC_INFO as kubectl sends it', () => {
  it('no variable (run by hand): nothing known, nothing refused', () => {
    expect(parseKubeExecInfo(undefined)).toBeNull();
    expect(parseKubeExecInfo('')).toBeNull();
  });

  it('without provideClusterInfo: the apiVersion, and no server', () => {
    expect(parseKubeExecInfo(info({ interactive: false }))).toEqual({
      apiVersion: V1,
      server: null,
      insecureTls: false,
    });
    expect(parseKubeExecInfo(info({ interactive: false }, 'client.authentication.k8s.io/v1beta1'))).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      server: null,
      insecureTls: false,
    });
  });

  it("with provideClusterInfo: the cluster's server, the fields beside it ignored", () => {
    const parsed = parseKubeExecInfo(
      info({
        cluster: {
          server: 'https://k8s.example.com:6443/prefix',
          'tls-server-name': 'other.example.com',
          'certificate-authority-data': 'LS0tLS1CRUdJTi',
          config: { audience: 'x' },
        },
        interactive: false,
      }),
    );
    expect(parsed?.server?.host).toBe('k8s.example.com:6443');
    expect(parsed?.insecureTls).toBe(false);
  });

  it('a cluster with TLS verification off says so (kubectl sends insecure-skip-tls-verify beside the server)', () => {
    const cluster = (v: unknown) =>
      info({ cluster: { server: 'https://k8s.example.com', 'insecure-skip-tls-verify': v } });
    expect(parseKubeExecInfo(cluster(true))?.insecureTls).toBe(true);
    expect(parseKubeExecInfo(cluster(false))?.insecureTls).toBe(false);
    // Not a boolean: not kubectl's, refused rather than read as "verified".
    expect(refusal(cluster('true')).code).toBe('ERR_BAD_INPUT');
  });
});

describe('a hostile KUBERNETES_EXEC_INFO is refused, never read as "no cluster named"', () => {
  it('not JSON', () => {
    const e = refusal('{"apiVersion": "client.authentication.k8s.io/v1", spec: ');
    expect(e.code).toBe('ERR_BAD_INPUT');
    expect(e.message).toMatch(/KUBERNETES_EXEC_INFO is not JSON/);
  });

  it('huge: refused by its length before it is parsed', () => {
    const huge = info({ cluster: { server: 'https://k8s.example.com' }, pad: 'x'.repeat(MAX_EXEC_INFO) });
    const e = refusal(huge);
    expect(e.code).toBe('ERR_BAD_INPUT');
    expect(e.message).toMatch(/characters long/);
    // Deeply nested JSON: parsed within the length cap, refused by shape, no stack overflow.
    expect(refusal(`${'['.repeat(60_000)}${']'.repeat(60_000)}`).message).toMatch(/not an ExecCredential/);
  });

  it('a wrong apiVersion or kind, or a spec of the wrong shape', () => {
    expect(refusal(info({}, 'client.authentication.k8s.io/v1alpha1')).message).toMatch(
      /asked for "client\.authentication\.k8s\.io\/v1alpha1"; latch speaks/,
    );
    expect(refusal(JSON.stringify({ apiVersion: V1, kind: 'Pod', spec: {} })).message).toMatch(/kind/);
    expect(refusal(info({ cluster: { server: 42 } })).message).toMatch(/spec\.cluster\.server/);
    expect(refusal(info({ cluster: {} })).message).toMatch(/spec\.cluster\.server/);
    expect(refusal('null').message).toMatch(/not an ExecCredential/);
  });

  it('a server that is not an http(s) URL; control characters in it are escaped, not written to the terminal', () => {
    expect(refusal(info({ cluster: { server: 'not a url' } })).message).toMatch(/not a URL/);
    const e = refusal(info({ cluster: { server: 'file:///etc/\u001b]0;owned\u0007' } }));
    expect(e.message).toMatch(/not http\(s\)/);
    expect(hasControl(e.message)).toBe(false);
    expect(hasControl(refusal(info({}, '\u001b[2Jv9')).message)).toBe(false);
  });

  it('a server whose host is not written as it is read: kubectl (Go) would look that name up in DNS', () => {
    // The URL parser reads each as 127.0.0.1 (or 10.0.0.5), one of the credential's hosts; Go's net/url and
    // net.Dial read 2130706433, 127.1, 0x7f.1, 0177.0.0.1 and 127.0.0.1. as names to resolve, which whoever
    // answers DNS for them (a search domain) can point anywhere, with a certificate-authority-data of its own.
    for (const server of [
      'https://2130706433:16443',
      'https://127.1:16443',
      'https://0x7f.1:16443',
      'https://0177.0.0.1:16443',
      'https://127.0.0.1.:16443',
      'https://167772165:6443',
      'https://%31%32%37.0.0.1:16443',
    ]) {
      const e = refusal(info({ cluster: { server } }));
      expect(e.code, server).toBe('ERR_BAD_INPUT');
      expect(e.message, server).toMatch(/not written the way kubectl reads it/);
    }
    // Written as read: accepted, with the explicit default port, any case, a path, IPv6 in brackets.
    for (const server of [
      'https://127.0.0.1:16443',
      'https://K8S.Example.com:443/prefix',
      'https://k8s.example.com',
      'https://[::1]:6443',
      'http://localhost:8080?x#y',
      // An IPv6 literal in any spelling: Go parses it as the same address, never a name to look up.
      'https://[0:0:0:0:0:0:0:1]:6443',
      'https://[2001:0DB8:0:0::1]:6443',
      'https://[::ffff:10.0.0.5]',
    ])
      expect(parseKubeExecInfo(info({ cluster: { server } }))?.server, server).not.toBeNull();
  });
});
