/**
 * The IPC layer's whole job: each channel calls one app service method with the input it was
 * given. The behaviour behind the calls is tested on the services themselves (test/unit/app,
 * test/integration), without any transport; here the services are a recorder.
 */
import { describe, expect, it } from 'vitest';
import { OAUTH_PRESETS } from '../../../main/app/presets/oauth-presets';
import { DOC_LINKS } from '../../../main/core/model/doc-links';
import type { HandlerTable } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/ipc/handlers/index';
import type { HandlerServices } from '../../../main/ipc/services';
import { CHANNEL_NAMES, type ChannelName } from '../../../preload/contract';

const PATH = Symbol('path');

interface Call {
  path: string;
  args: unknown[];
}

/** Services where every method records its call and answers an empty list (which `.then` and `await` accept). */
function recordingServices(): { services: HandlerServices; calls: Call[] } {
  const calls: Call[] = [];
  const node = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_target, key) => {
        if (key === PATH) return path.join('.');
        if (typeof key === 'symbol' || key === 'then') return undefined;
        return node([...path, key]);
      },
      apply: (_target, _this, args: unknown[]) => {
        calls.push({ path: path.join('.'), args });
        return Promise.resolve([]);
      },
    });
  return { services: node([]) as HandlerServices, calls };
}

type Row =
  /** The input, and the one service call it must become. */
  | { input: object; call: string; args: unknown[] }
  /** Channels that answer from what the table was built with, calling nothing. */
  | { input: object; returns: (result: unknown) => void };

const S = { serviceId: 's1', credentialId: 'c1' };
const request = { method: 'GET', url: '/x' };

// A Record over every channel name: the type fails to check when a channel has no row.
const rows: Record<ChannelName, Row> = {
  'app.about': { input: {}, call: 'keychainStatus', args: [] },
  'app.ping': { input: { echo: 'e' }, returns: (r) => expect(r).toEqual({ echo: 'e' }) },
  'app.openLink': { input: { target: 'docs', page: 'cli' }, call: 'browser.open', args: [DOC_LINKS.cli] },
  'settings.get': { input: {}, call: 'settings.get', args: [] },
  'settings.update': { input: { theme: 'dark' }, call: 'vault.updateSettings', args: [{ theme: 'dark' }] },
  'settings.weaken': {
    input: { autoLockMinutes: 0 },
    call: 'vault.weakenSettings',
    args: [{ autoLockMinutes: 0 }],
  },
  'vault.status': { input: {}, call: 'vault.statusNow', args: [] },
  'vault.create': { input: { password: 'p' }, call: 'vault.create', args: [{ password: 'p' }] },
  'vault.copyRecoveryKit': { input: {}, call: 'vault.copyRecoveryKit', args: [] },
  'vault.forgetRecoveryKit': { input: {}, call: 'vault.forgetRecoveryKit', args: [] },
  'vault.unlock': { input: { password: 'p' }, call: 'vault.unlock', args: [{ password: 'p' }] },
  'vault.openBackup': { input: { password: 'p' }, call: 'vault.openBackup', args: ['p'] },
  'vault.restoreBackup': { input: { password: 'p' }, call: 'vault.restoreBackup', args: ['p'] },
  'vault.lock': { input: { forget: true }, call: 'vault.lock', args: [true] },
  'vault.choose': { input: { path: '/v' }, call: 'vault.choose', args: ['/v'] },
  'vault.touch': { input: {}, call: 'vault.touch', args: [] },
  'vault.changePassword': {
    input: { oldPassword: 'a', newPassword: 'b', rekey: { backups: 'delete' } },
    call: 'vault.changePassword',
    args: ['a', 'b', { backups: 'delete' }],
  },
  'vault.setIterations': { input: { iterations: 9, password: 'p' }, call: 'vault.setIterations', args: [9, 'p'] },
  'vault.measureKdf': { input: { iterations: 9 }, call: 'vault.measureKdf', args: [9] },
  'vault.backups': { input: {}, call: 'vault.backups', args: [] },
  'vault.setQuickUnlock': { input: { enabled: true }, call: 'vault.setQuickUnlock', args: [true] },
  'vault.retrySave': { input: {}, call: 'vault.retrySave', args: [] },
  'vault.reload': { input: {}, call: 'vault.reload', args: [] },
  'vault.resolveSaveFailure': { input: { choice: 'discard' }, call: 'vault.resolveSaveFailure', args: ['discard'] },
  'services.list': { input: {}, call: 'credentials.summaries', args: [] },
  'services.get': { input: { id: 's1' }, call: 'credentials.view', args: ['s1'] },
  'services.create': { input: { service: { name: 'n' } }, call: 'credentials.createService', args: [{ name: 'n' }] },
  'services.update': {
    input: { id: 's1', service: { name: 'n' } },
    call: 'bindingEdits.updateService',
    args: ['s1', { name: 'n' }],
  },
  'services.delete': { input: { id: 's1' }, call: 'credentials.deleteService', args: ['s1'] },
  'services.health': { input: {}, call: 'credentials.health', args: [] },
  'credentials.add': {
    input: { serviceId: 's1', kind: 'bearer', name: 'n', fields: { token: 't' } },
    call: 'credentials.addCredential',
    args: ['s1', { kind: 'bearer', name: 'n', fields: { token: 't' }, expiresAt: null, rotateEveryDays: null }],
  },
  'credentials.update': {
    input: { ...S, name: 'n', notes: undefined },
    call: 'bindingEdits.updateCredential',
    args: ['s1', 'c1', { name: 'n' }],
  },
  'credentials.delete': { input: S, call: 'credentials.deleteCredential', args: ['s1', 'c1'] },
  'credentials.reveal': { input: { ...S, field: 'token' }, call: 'secrets.reveal', args: ['s1', 'c1', 'token'] },
  'credentials.copy': { input: { ...S, as: 'env' }, call: 'copier.copy', args: ['s1', 'c1', 'env', null] },
  'credentials.forgetHost': {
    input: { ...S, target: 'h.test' },
    call: 'credentials.forgetHost',
    args: ['s1', 'c1', 'h.test'],
  },
  'credentials.rotate': {
    input: { ...S, values: { token: 't' }, graceDays: 2 },
    call: 'credentials.rotate',
    args: ['s1', 'c1', { token: 't' }, 2],
  },
  'io.previewImport': {
    input: { fileName: 'f.csv', contentBase64: Buffer.from('a,b').toString('base64'), format: 'csv' },
    call: 'transfer.previewImport',
    args: ['f.csv', Buffer.from('a,b'), { format: 'csv' }],
  },
  'io.applyImport': { input: { importId: 'i', selected: [0] }, call: 'transfer.applyImport', args: ['i', [0]] },
  'io.exportBackup': {
    input: { masterPassword: 'm', backupPassword: 'b' },
    call: 'transfer.exportBackup',
    args: ['m', 'b'],
  },
  'io.exportPlaintext': { input: { masterPassword: 'm' }, call: 'transfer.exportPlaintext', args: ['m'] },
  'quick.copy': { input: { ...S, as: 'value' }, call: 'copier.quickCopy', args: ['s1', 'c1', 'value'] },
  'quick.close': { input: {}, call: 'quickAccess.requestClose', args: [] },
  'quick.open': { input: { route: { view: 'home' } }, call: 'quickAccess.requestOpen', args: [{ view: 'home' }] },
  'quick.shortcut': {
    input: {},
    returns: (r) => expect((r as Record<symbol, unknown>)[PATH]).toBe('quickAccess.shortcut'),
  },
  'requests.send': { input: { requestId: 'r', request }, call: 'requests.send', args: [{ requestId: 'r', request }] },
  'requests.cancel': { input: { requestId: 'r' }, call: 'requests.cancel', args: ['r'] },
  'requests.approveHost': {
    input: { ...S, origin: 'https://h.example' },
    call: 'requests.approveHost',
    args: ['s1', 'c1', 'https://h.example'],
  },
  'requests.previewSigning': {
    input: { serviceId: 's1', preset: 'p', request },
    call: 'requests.previewSigning',
    args: ['s1', { preset: 'p', recipe: undefined, keyId: undefined }, request],
  },
  'requests.copyAs': {
    input: { request, format: 'curl' },
    call: 'requests.copyAs',
    args: [{ request, format: 'curl', includeSecrets: false }],
  },
  'requests.copyAsWithSecrets': {
    input: { ...S, request, format: 'fetch' },
    call: 'requests.copyAs',
    args: [{ ...S, request, format: 'fetch', includeSecrets: true }],
  },
  'requests.history': { input: {}, call: 'requests.history', args: [null] },
  'requests.clearHistory': { input: { serviceId: 's1' }, call: 'requests.clearHistory', args: ['s1'] },
  'requests.save': { input: { name: 'n', request }, call: 'requests.save', args: [{ name: 'n', request }] },
  'requests.saved': { input: { serviceId: 's1' }, call: 'requests.saved', args: ['s1'] },
  'requests.deleteSaved': { input: { serviceId: 's1', id: 'x' }, call: 'requests.deleteSaved', args: ['s1', 'x'] },
  'audit.run': { input: { url: 'https://a' }, call: 'audit.run', args: [{ url: 'https://a' }] },
  'audit.reports': { input: { serviceId: 's1' }, call: 'audit.list', args: ['s1'] },
  'audit.report': { input: { serviceId: 's1', id: 'a' }, call: 'audit.get', args: ['s1', 'a'] },
  'audit.export': {
    input: { serviceId: 's1', id: 'a', format: 'md' },
    call: 'audit.export',
    args: ['s1', 'a', 'md'],
  },
  'audit.deleteReport': { input: { serviceId: 's1', id: 'a' }, call: 'audit.delete', args: ['s1', 'a'] },
  'limits.get': { input: { serviceId: 's1' }, call: 'limits.state', args: ['s1'] },
  'limits.set': { input: { ...S, limit: null }, call: 'limits.set', args: ['s1', 'c1', null] },
  'limits.clearBlocks': { input: { serviceId: 's1' }, call: 'limits.clearBlocks', args: ['s1'] },
  'totp.list': { input: {}, call: 'totp.list', args: [] },
  'totp.subscribe': { input: { ids: ['c1'] }, call: 'totp.subscribe', args: [['c1']] },
  'totp.unsubscribe': { input: {}, call: 'totp.unsubscribe', args: [] },
  'totp.nextHotp': { input: S, call: 'totp.nextHotp', args: ['s1', 'c1'] },
  'totp.copy': { input: S, call: 'totp.copy', args: ['s1', 'c1'] },
  'totp.parseUri': { input: { uri: 'otpauth://x' }, call: 'totp.parseUri', args: ['otpauth://x'] },
  'totp.importMigration': {
    input: { uri: 'otpauth-migration://x' },
    call: 'totp.importMigration',
    args: ['otpauth-migration://x'],
  },
  'totp.decodeQr': { input: { pngBase64: 'AAEC' }, call: 'totp.decodeQr', args: [Buffer.from([0, 1, 2])] },
  'totp.decodeQrPixels': {
    input: { width: 1, height: 1, rgbaBase64: 'AAECAw==' },
    call: 'totp.decodeQrPixels',
    args: [1, 1, Buffer.from([0, 1, 2, 3])],
  },
  'totp.add': { input: { items: [] }, call: 'totp.add', args: [[]] },
  'totp.showQr': { input: S, call: 'totp.showQr', args: ['s1', 'c1'] },
  'totp.backupCodes': { input: { serviceId: 's1' }, call: 'totp.backupCodes', args: ['s1'] },
  'totp.setBackupCodes': { input: { serviceId: 's1', text: 't' }, call: 'totp.setBackupCodes', args: ['s1', 't'] },
  'totp.useBackupCode': { input: { serviceId: 's1', index: 2 }, call: 'totp.useBackupCode', args: ['s1', 2] },
  'totp.clockOffset': { input: {}, call: 'clockSkew.latest', args: [] },
  'lab.generate': { input: { issuer: 'I' }, call: 'lab.generate', args: [{ issuer: 'I' }] },
  'lab.backupCodes': { input: { count: 3 }, call: 'lab.backupCodes', args: [{ count: 3 }] },
  'lab.verify': { input: { code: '1' }, call: 'lab.verify', args: [{ code: '1' }] },
  'oauth.presets': { input: {}, returns: (r) => expect(r).toBe(OAUTH_PRESETS) },
  'oauth.createClient': { input: { preset: 'github' }, call: 'oauth.createClient', args: [{ preset: 'github' }] },
  'oauth.redirect': {
    input: { preset: 'github', redirectUri: 'http://127.0.0.1:8765/cb' },
    call: 'oauth.redirect',
    args: ['github', 'http://127.0.0.1:8765/cb'],
  },
  'oauth.tokens': { input: {}, call: 'oauth.tokens', args: [] },
  'oauth.signIn': { input: S, call: 'oauth.signIn', args: ['s1', 'c1'] },
  'oauth.cancel': { input: { credentialId: 'c1' }, call: 'oauth.cancel', args: ['c1'] },
  'oauth.refresh': { input: S, call: 'oauth.refresh', args: ['s1', 'c1'] },
  'oauth.signOut': { input: S, call: 'oauth.signOut', args: ['s1', 'c1'] },
  'oauth.log': { input: { credentialId: 'c1' }, call: 'oauth.logs', args: ['c1'] },
  'oauth.pendingDevice': { input: {}, call: 'oauth.pendingDevices', args: [] },
  'jwt.decode': { input: { token: 't' }, call: 'jwt.decode', args: ['t'] },
  'jwt.verify': {
    input: { token: 't', key: { kind: 'secret', value: 'k' }, issuer: 'i' },
    call: 'jwt.verify',
    args: ['t', { kind: 'secret', value: 'k' }, { issuer: 'i', audience: undefined }],
  },
  'jwt.sign': { input: { ...S, claims: '{}' }, call: 'jwt.sign', args: [{ ...S, claims: '{}' }] },
};

describe('the handler tables', () => {
  it('have a row here for every channel of the contract', () => {
    expect(Object.keys(rows).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(Object.entries(rows))('%s maps onto its service call', async (channel, row) => {
    const { services, calls } = recordingServices();
    const handler = createHandlers(services)[channel as ChannelName] as (
      args: unknown,
      ctx: unknown,
    ) => ReturnType<HandlerTable[ChannelName]>;
    const result = await handler(row.input, { transport: 'browser-host' });
    if ('call' in row) expect(calls).toContainEqual({ path: row.call, args: row.args });
    else {
      expect(calls).toEqual([]);
      row.returns(result);
    }
  });
});
