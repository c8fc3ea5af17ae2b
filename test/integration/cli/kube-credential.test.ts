import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { type ToolEnv, toolEnv } from './tool-env';

const TOKEN = `kube-${randomUUID()}`;
let t: ToolEnv;
let idp: ScriptedServer;
let api: ScriptedServer;
let kubeconfig: string;

function kubectl(args: string[]) {
  return t.program(['/usr/bin/kubectl', '--kubeconfig', kubeconfig, ...args], { env: { HOME: t.dir } });
}

beforeAll(async () => {
  t = await toolEnv('kube');
  idp = await startScriptedServer();
  idp.fallback = reply(
    200,
    { 'content-type': 'application/json', 'cache-control': 'no-store' },
    JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 600 }),
  );
  // An API-server stand-in: /version for the right bearer token, 401 otherwise.
  // TLS, as kubectl only runs exec plugins for a TLS connection; a throwaway self-signed certificate.
  const keyFile = join(t.dir, 'api.key');
  const certFile = join(t.dir, 'api.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  api = await startScriptedServer({ key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') });
  const ca = readFileSync(certFile).toString('base64');
  api.fallback = (req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"major":"1","minor":"28","gitVersion":"v1.28.0-latch-standin"}');
  };
  await t.addOAuthClient(
    { service: 'Cluster', name: 'oidc', tokenEndpoint: `${idp.url}/token`, clientId: 'kubectl' },
    'kube-client-secret',
  );
  await t.unlock();
  kubeconfig = join(t.dir, 'kubeconfig');
  const user = (apiVersion: string) =>
    `  user:\n    exec:\n      apiVersion: ${apiVersion}\n      command: latch\n      args: [kube-credential, "latch://Cluster/oidc"]\n      interactiveMode: Never\n`;
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n    server: ${api.url}\n    certificate-authority-data: ${ca}\n` +
      `contexts:\n- name: v1\n  context: {cluster: standin, user: v1}\n- name: v1beta1\n  context: {cluster: standin, user: v1beta1}\n` +
      `current-context: v1\nusers:\n- name: v1\n${user('client.authentication.k8s.io/v1')}- name: v1beta1\n${user('client.authentication.k8s.io/v1beta1')}`,
  );
});

afterAll(async () => {
  await api?.close();
  await idp?.close();
  await t?.close();
});

describe('latch kube-credential with kubectl against an API-server stand-in checking the bearer token', () => {
  for (const context of ['v1', 'v1beta1']) {
    it(`client.authentication.k8s.io/${context}: kubectl gets through with the fresh token`, async () => {
      const r = await kubectl(['--context', context, 'get', '--raw', '/version', '-v=6']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('v1.28.0-latch-standin');
      expect(api.seen.some((s) => s.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(t.filesHolding(TOKEN)).toEqual([]);
    });
  }
});
