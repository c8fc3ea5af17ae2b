import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  distFailureMessage,
  downloadFailureMessage,
  isFetchFailure,
  nodeRunsElectronInstaller,
  planStart,
  type StartFacts,
} from '../../../scripts/desktop/plan';

const root = join(import.meta.dirname, '../../..');
const base: StartFacts = {
  nodeVersion: '22.12.0',
  electronVersion: '44.11.5',
  overrideDistPath: undefined,
  overrideExecutable: null,
  installedExecutable: null,
};

// What Electron's installer prints when there is no network (captured on this machine).
const OFFLINE = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)`;

describe('npm start: what to do', () => {
  it('runs the binary the installer left', () => {
    expect(planStart({ ...base, installedExecutable: '/x/dist/electron' })).toEqual({
      kind: 'run',
      executable: '/x/dist/electron',
    });
  });

  it('downloads when the binary is absent', () => {
    expect(planStart(base)).toEqual({ kind: 'download' });
  });

  it('runs the Electron that ELECTRON_OVERRIDE_DIST_PATH points at, without a download', () => {
    expect(
      planStart({ ...base, overrideDistPath: '/opt/electron', overrideExecutable: '/opt/electron/electron' }),
    ).toEqual({ kind: 'run', executable: '/opt/electron/electron' });
  });

  it('stops with one sentence when ELECTRON_OVERRIDE_DIST_PATH holds no Electron', () => {
    const plan = planStart({ ...base, overrideDistPath: '/opt/nothing', installedExecutable: '/x/dist/electron' });
    expect(plan.kind).toBe('stop');
    if (plan.kind === 'stop') expect(plan.message).toContain('/opt/nothing');
  });

  it('names a Node too old for the installer before anything else', () => {
    for (const v of ['18.20.4', '20.18.1', '21.7.3', '22.11.0', 'v16.0.0']) {
      const plan = planStart({ ...base, nodeVersion: v, installedExecutable: '/x/dist/electron' });
      expect(plan.kind, v).toBe('stop');
      if (plan.kind === 'stop') {
        expect(plan.message).toContain(v);
        expect(plan.message).toMatch(/too old/);
      }
    }
  });

  it('accepts the Node versions whose require() loads the installer', () => {
    for (const v of ['20.19.0', '20.20.0', '22.12.0', '23.0.0', '24.11.1'])
      expect(nodeRunsElectronInstaller(v), v).toBe(true);
  });
});

describe('npm start: a failed download is one sentence', () => {
  it('says what failed and the three ways out, never the stack', () => {
    const message = downloadFailureMessage(OFFLINE, '44.11.5', undefined);
    expect(message).toContain('Electron 44.11.5');
    expect(message).toContain('no network connection');
    for (const way of ['connect to the internet', 'ELECTRON_MIRROR', 'ELECTRON_OVERRIDE_DIST_PATH'])
      expect(message).toContain(way);
    expect(message).not.toMatch(/\bat |undici|\n/);
  });

  it('names the mirror and the cause it can tell apart', () => {
    expect(
      downloadFailureMessage('Error: getaddrinfo ENOTFOUND mirror.example', '44.11.5', 'https://m.example/'),
    ).toMatch(/ELECTRON_MIRROR \(https:\/\/m\.example\/\).*did not resolve/);
    expect(
      downloadFailureMessage('HTTPError: Response code 404 (Not Found)', '44.11.5', 'https://m.example/'),
    ).toContain('no such file');
  });
});

describe('npm run dist', () => {
  // What electron-builder printed here without a network.
  const BUILDER =
    '  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: getaddrinfo ENOTFOUND';

  it('tells a fetch failure from any other failure', () => {
    expect(isFetchFailure(BUILDER)).toBe(true);
    expect(isFetchFailure('  ⨯ Application entry file "out/main/index.js" does not exist')).toBe(false);
    expect(distFailureMessage(BUILDER)).toMatch(/could not download.*did not resolve.*ELECTRON_MIRROR/);
  });
});

describe('the Electron and electron-vite pair', () => {
  it('is pinned exactly, and electron-vite maps that Electron major to a Node and Chrome target', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const electron = pkg.devDependencies.electron ?? '';
    expect(electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies['electron-vite']).toMatch(/^\d+\.\d+\.\d+$/);
    const major = electron.split('.')[0];
    const chunks = join(root, 'node_modules/electron-vite/dist/chunks');
    const source = readdirSync(chunks)
      .map((f) => readFileSync(join(chunks, f), 'utf8'))
      .find((s) => s.includes('function getElectronNodeTarget'));
    expect(source, "electron-vite's target table").toBeDefined();
    const nodeTable = source?.slice(source.indexOf('function getElectronNodeTarget')).slice(0, 600) ?? '';
    const chromeTable = source?.slice(source.indexOf('function getElectronChromeTarget')).slice(0, 600) ?? '';
    expect(nodeTable).toContain(`'${major}':`);
    expect(chromeTable).toContain(`'${major}':`);
  });
});
