import { spawn } from 'node:child_process';
import { LatchError } from '../model/errors';
import type { Clipboard } from '../platform';

interface Tool {
  write: [string, string[]][];
  read: [string, string[]];
}

function toolFor(platform: NodeJS.Platform): Tool {
  if (platform === 'darwin') return { write: [['pbcopy', []]], read: ['pbpaste', []] };
  if (platform === 'win32') {
    return {
      write: [['powershell.exe', ['-NoProfile', '-Command', '$input | Set-Clipboard']]],
      read: ['powershell.exe', ['-NoProfile', '-Command', 'Get-Clipboard -Raw']],
    };
  }
  // X11 (and XWayland): the clipboard and the primary selection are both written and cleared.
  return {
    write: [
      ['xclip', ['-selection', 'clipboard', '-in']],
      ['xclip', ['-selection', 'primary', '-in']],
    ],
    read: ['xclip', ['-selection', 'clipboard', '-out']],
  };
}

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // The value goes through stdin, never argv: `ps` must not show a secret.
    // xclip forks a child that keeps serving the selection: when writing, hold no pipe it
    // could inherit, and wait for our process to exit rather than for every pipe to close.
    const capture = input === undefined;
    const child = spawn(cmd, args, { stdio: ['pipe', capture ? 'pipe' : 'ignore', 'ignore'] });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      out += d;
    });
    child.on('error', () =>
      reject(
        new LatchError(
          'ERR_CLIPBOARD',
          `No clipboard tool answered (${cmd}). On Linux install xclip and run under X11.`,
        ),
      ),
    );
    child.on(capture ? 'close' : 'exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new LatchError('ERR_CLIPBOARD', `The clipboard tool ${cmd} failed; is a display available?`)),
    );
    child.stdin?.end(input ?? '');
  });
}

/**
 * The system clipboard for the command line and the browser host, through the platform's
 * own tools (xclip, pbcopy, PowerShell). The Electron shell uses Electron's clipboard instead.
 */
export class SystemClipboard implements Clipboard {
  readonly #tool: Tool;
  readonly #platform: NodeJS.Platform;
  constructor(platform: NodeJS.Platform = process.platform) {
    this.#tool = toolFor(platform);
    this.#platform = platform;
  }
  async readText(): Promise<string> {
    const [cmd, args] = this.#tool.read;
    return run(cmd, args).catch((e) => {
      // An empty X selection makes xclip exit 1: that is an empty clipboard, not an error.
      if (this.#platform === 'linux') return '';
      throw e;
    });
  }
  async writeText(text: string): Promise<void> {
    for (const [cmd, args] of this.#tool.write) await run(cmd, args, text);
    await this.#settle(text);
  }
  async clear(): Promise<void> {
    for (const [cmd, args] of this.#tool.write) await run(cmd, args, '');
    await this.#settle('');
  }
  /** X11 only: the primary selection alone (the Electron shell writes the clipboard itself). */
  async writePrimary(text: string): Promise<void> {
    if (this.#platform !== 'linux') return;
    await run('xclip', ['-selection', 'primary', '-in'], text);
  }
  /**
   * xclip hands the selection to a forked child, which takes ownership a moment after the
   * parent exits; wait (briefly) until the clipboard reads back what was written.
   */
  async #settle(expected: string): Promise<void> {
    if (this.#platform !== 'linux') return;
    for (let i = 0; i < 40; i++) {
      if ((await this.readText()) === expected) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new LatchError('ERR_CLIPBOARD', 'The clipboard did not take the new value; is another program holding it?');
  }
}

/** A clipboard in memory: for unit tests, and a host started without a display. */
export class MemoryClipboard implements Clipboard {
  text = '';
  async readText(): Promise<string> {
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
}
