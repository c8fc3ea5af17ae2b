/**
 * The `bare` step runs only the tests in scripts/bare-tests.mjs (it used to rerun every command-line
 * test). Its rule: every command and every channel that touches the OS keychain or the clipboard is in
 * it. Both sets are derived here from the code, so a new command or channel that reaches either port
 * fails this test until a listed file exercises it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../preload/contract';
// @ts-expect-error: a plain .mjs list shared with scripts/test-all.mjs
import { BARE_TESTS } from '../../../scripts/bare-tests.mjs';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const bareFiles = BARE_TESTS as string[];
const bareText = bareFiles.map(read).join('\n');

/** A port in the command's own module: the keychain (ctx.keychain, a keychain class) or the clipboard. */
const PORT_USE = /ctx\.keychain\(|core\/keychain\/|core\/clipboard\/|clipboard-clearer/;

/** Commands whose module reaches the keychain or the clipboard, by the names the registry gives them. */
function portCommands(): string[] {
  const index = read('main/cli/commands/index.ts');
  const names: string[] = [];
  for (const m of index.matchAll(/name: '([a-z-]+)'[\s\S]*?import\('\.\/([a-z-]+)'\)/g)) {
    const [, name, file] = m;
    if (PORT_USE.test(read(`main/cli/commands/${file}.ts`))) names.push(name!);
  }
  return names;
}

/** VaultService methods whose own body passes or calls the keychain or the clipboard guard. */
function portVaultMethods(): Set<string> {
  const source = read('main/app/vault/vault-service.ts');
  const methods = new Set<string>();
  // Each method runs from its declaration to the next one at the same indentation.
  const parts = source.split(/\n {2}(?=(?:async |get )?[a-zA-Z#]+\(|(?:async |get )?[a-zA-Z#]+<)/);
  for (const part of parts) {
    const name = /^(?:async |get )?([a-zA-Z#]+)/.exec(part)?.[1];
    if (name && /this\.deps\.keychain|this\.clipboard/.test(part)) methods.add(name);
  }
  return methods;
}

/** Channels whose handler reaches a port: a copy through SecretCopy or TotpService, the keychain status, or such a vault method. */
function portChannels(): string[] {
  const vaultMethods = portVaultMethods();
  const channels: string[] = [];
  for (const file of readdirSync(join(root, 'main/ipc/handlers'))) {
    const text = read(`main/ipc/handlers/${file}`);
    for (const m of text.matchAll(/'([a-z]+\.[a-zA-Z]+)':([\s\S]*?)(?=\n {4}'[a-z]+\.|\n {2}\};)/g)) {
      const [, channel, body] = m;
      const vaultCall = /\bvault\.([a-zA-Z]+)\(/.exec(body!)?.[1];
      if (/copier\.|keychainStatus|totp\.copy/.test(body!) || (vaultCall !== undefined && vaultMethods.has(vaultCall)))
        channels.push(channel!);
    }
  }
  return channels;
}

describe('the bare step', () => {
  it('lists files that exist', () => {
    for (const f of bareFiles) expect(existsSync(join(root, f)), f).toBe(true);
  });

  it('finds the commands and channels that reach a port (the derivation itself works)', () => {
    expect(portCommands()).toEqual(expect.arrayContaining(['init', 'status', 'lock', 'copy']));
    expect(portChannels()).toEqual(
      expect.arrayContaining(['app.about', 'vault.create', 'vault.unlock', 'vault.lock', 'credentials.copy']),
    );
    for (const c of portChannels()) expect(CHANNEL_NAMES).toContain(c);
  });

  it('runs every command that touches the keychain or the clipboard', () => {
    const missing = portCommands().filter((name) => !new RegExp(`\\[\\s*'${name}'[,\\]]`).test(bareText));
    expect(missing, 'commands no bare test runs: add their test file to scripts/bare-tests.mjs').toEqual([]);
  });

  it('calls every channel that touches the keychain or the clipboard', () => {
    const missing = portChannels().filter((channel) => !bareText.includes(`'${channel}'`));
    expect(missing, 'channels no bare test calls: add a call to test/integration/host/bare-machine.test.ts').toEqual(
      [],
    );
  });
});
