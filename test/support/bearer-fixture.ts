/**
 * An unlocked test vault with one service holding one bearer token, and a scripted server on
 * loopback to send it to: the set-up the request tester's and the audit's integration tests share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices, AppServicesInput } from '../../main/app/app-services';
import { type ScriptedServer, startScriptedServer } from '../peers/scripted-server';
import { appForTest, createTestVault } from './app-for-test';

export interface BearerFixture {
  dir: string;
  app: AppServices;
  server: ScriptedServer;
  serviceId: string;
  credentialId: string;
  /** Locks the vault, stops the server and removes the folder. */
  close(): Promise<void>;
}

export async function bearerFixture(o: {
  /** The temporary folder's name starts with it. */
  prefix: string;
  token: string;
  service: string;
  credential: string;
  /** The service's base URL; absent: the scripted server's. */
  baseUrl?: string;
  overrides?: Partial<AppServicesInput>;
}): Promise<BearerFixture> {
  const dir = mkdtempSync(join(tmpdir(), o.prefix));
  const server = await startScriptedServer();
  const app = appForTest(dir, o.overrides);
  await createTestVault(app);
  const serviceId = await app.credentials.createService({ name: o.service, baseUrl: o.baseUrl ?? server.url });
  const credentialId = await app.credentials.addCredential(serviceId, {
    kind: 'bearer',
    name: o.credential,
    fields: { token: o.token },
  });
  const close = async () => {
    await app.vault.lock(false);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, app, server, serviceId, credentialId, close };
}
