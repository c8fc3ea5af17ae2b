export interface KeychainStatus {
  reachable: boolean;
  backend: string;
  detail: string;
}

/** Whether the OS keychain answers, for the About panel and the vault's quick-unlock choice. */
export async function probeOsKeychain(): Promise<KeychainStatus> {
  const { Entry } = await import('@napi-rs/keyring');
  const backend =
    process.platform === 'darwin'
      ? 'macOS Keychain'
      : process.platform === 'win32'
        ? 'Windows Credential Manager'
        : 'Secret Service';
  try {
    const entry = new Entry('latch.probe', 'reachability');
    entry.setPassword('probe');
    entry.deletePassword();
    return { reachable: true, backend, detail: 'Quick unlock and hardened mode are available.' };
  } catch {
    return {
      reachable: false,
      backend,
      detail: 'No OS keychain answered; Latch works with the master password alone.',
    };
  }
}
