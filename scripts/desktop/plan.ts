/**
 * What `npm start` does, decided from plain facts so every branch is unit-tested
 * (test/unit/desktop/plan.test.ts) without a network or an Electron binary.
 */

/** What the start script found on this machine before doing anything. */
export interface StartFacts {
  /** process.versions.node, e.g. "20.20.0". */
  nodeVersion: string;
  /** The electron package's own version, e.g. "44.11.5". */
  electronVersion: string;
  /** ELECTRON_OVERRIDE_DIST_PATH, when set: a folder holding an Electron the user already has. */
  overrideDistPath: string | undefined;
  /** The executable in that folder, when it exists. */
  overrideExecutable: string | null;
  /** node_modules/electron/dist/<path.txt>, when the installer finished for this very version. */
  installedExecutable: string | null;
}

export type StartPlan = { kind: 'stop'; message: string } | { kind: 'download' } | { kind: 'run'; executable: string };

/**
 * Electron's installer (@electron/get 5) is an ES module that its CommonJS install.js
 * require()s, which Node does unflagged from 20.19 on the 20 line and from 22.12 on.
 */
export function nodeRunsElectronInstaller(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major >= 23;
}

export function planStart(facts: StartFacts): StartPlan {
  if (!nodeRunsElectronInstaller(facts.nodeVersion))
    return {
      kind: 'stop',
      message: `Node.js ${facts.nodeVersion} is too old for Electron's installer: install Node.js 22.12 or newer (or 20.19 or newer on the 20 line) and run npm start again.`,
    };
  if (facts.overrideDistPath !== undefined) {
    if (facts.overrideExecutable !== null) return { kind: 'run', executable: facts.overrideExecutable };
    return {
      kind: 'stop',
      message: `ELECTRON_OVERRIDE_DIST_PATH is ${facts.overrideDistPath}, but there is no Electron executable in that folder: point it at the folder that holds an Electron ${major(facts.electronVersion)} (the one with the electron executable), or unset it to download Electron ${facts.electronVersion}.`,
    };
  }
  if (facts.installedExecutable !== null) return { kind: 'run', executable: facts.installedExecutable };
  return { kind: 'download' };
}

/** The one sentence shown when Electron's download failed; `output` is what its installer printed. */
export function downloadFailureMessage(output: string, electronVersion: string, mirror: string | undefined): string {
  const what = `Latch could not download Electron ${electronVersion}`;
  const where = mirror ? `from ELECTRON_MIRROR (${mirror})` : "from Electron's release server";
  const todo = `connect to the internet and run npm start again, set ELECTRON_MIRROR to a mirror you can reach, or set ELECTRON_OVERRIDE_DIST_PATH to the folder of an Electron ${major(electronVersion)} you already have`;
  return `${what} ${where} (${fetchFailureCause(output)}): ${todo}.`;
}

/**
 * Names why a download failed from the text a downloader printed (Node's fetch, or
 * electron-builder's Go helper), in words a user can act on. Never echoes the text itself:
 * a URL in it may carry a token from a mirror setting.
 */
export function fetchFailureCause(output: string): string {
  const text = output.toLowerCase();
  if (/enotfound|eai_again|no such host|getaddrinfo|name resolution/.test(text))
    return 'the server name did not resolve';
  if (/econnrefused|connection refused/.test(text)) return 'the connection was refused';
  if (/etimedout|timed out|timeout/.test(text)) return 'the connection timed out';
  if (/enetunreach|ehostunreach|network is unreachable|no route to host/.test(text))
    return 'the network is unreachable';
  if (/response code 404|status code 404|\b404\b/.test(text))
    return 'the server has no such file (check ELECTRON_MIRROR)';
  if (/checksum|sha256|integrity/.test(text)) return 'the file downloaded did not match its checksum';
  if (/certificate|self[- ]signed|unable to verify/.test(text)) return 'the server certificate was not trusted';
  if (/fetch failed|socket hang up|econnreset|network/.test(text)) return 'no network connection to the server';
  return 'the download did not finish';
}

/** Whether electron-builder's output shows it failed while fetching something (Electron, a tool). */
export function isFetchFailure(output: string): boolean {
  return /enotfound|eai_again|no such host|getaddrinfo|econnrefused|etimedout|enetunreach|ehostunreach|fetch failed|socket hang up|econnreset|dial tcp|cannot download|unable to download|download.*fail/i.test(
    output,
  );
}

export function distFailureMessage(output: string): string {
  return `electron-builder could not download what it needs to package Latch (Electron and its packaging tools; ${fetchFailureCause(output)}): connect to the internet and run npm run dist again, or set ELECTRON_MIRROR (and ELECTRON_BUILDER_BINARIES_MIRROR) to mirrors you can reach.`;
}

function major(version: string): string {
  return version.split('.')[0] ?? version;
}
