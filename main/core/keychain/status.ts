import type { Keychain } from './keychain';
import { NapiKeychain } from './napi-keychain';

export interface KeychainStatus {
  reachable: boolean;
  backend: string;
  detail: string;
}

function backendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/** Whether the OS keychain answers, for the About panel and the vault's quick-unlock choice. */
export async function probeOsKeychain(keychain: Keychain = new NapiKeychain()): Promise<KeychainStatus> {
  const backend = backendName(process.platform);
  return (await keychain.available())
    ? { reachable: true, backend, detail: 'Quick unlock and hardened mode are available.' }
    : { reachable: false, backend, detail: 'No OS keychain answered; Latch works with the master password alone.' };
}
