import { spawn } from 'node:child_process';
import { LatchError } from '../model/errors';
import type { Clipboard, ClipboardSelection } from '../platform';

type Command = [string, string[]];

interface Tool {
  selections: readonly ClipboardSelection[];
  write(selection: ClipboardSelection): Command;
  read(selection: ClipboardSelection): Command;
}

function toolFor(platform: NodeJS.Platform): Tool {
  if (platform === 'darwin') {
    return { selections: ['clipboard'], write: () => ['pbcopy', []], read: () => ['pbpaste', []] };
  }
  if (platform === 'win32') {
    return {
      selections: ['clipboard'],
      write: () => ['powershell.exe', ['-NoProfile', '-Command', '$input | Set-Clipboard']],
      read: () => ['powershell.exe', ['-NoProfile', '-Command', 'Get-Clipboard -Raw']],
    };
  }
  // X11 (and XWayland): a copy lands in the clipboard and in the primary selection (middle-click).
  return {
    selections: ['clipboard', 'primary'],
    write: (s) => ['xclip', ['-selection', s, '-in']],
    read: (s) => ['xclip', ['-selection', s, '-out']],
  };
}

function toolFailed(cmd: string): LatchError {
  return new LatchError('ERR_CLIPBOARD', `The clipboard tool ${cmd} failed; is a display available?`);
}

/**
 * Runs one clipboard tool. Writing: the value goes through stdin, never argv (`ps` must not
 * show a secret). Reading: the child's stdin is not even a pipe, so nothing can be written
 * to a reader that has already exited (that EPIPE once crashed a test run). Every stream
 * error and the spawn error end in the one promise: a child that dies first is an error
 * to report, never an unhandled event.
 */
function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const writing = input !== undefined;
    // xclip forks a child that keeps serving the selection: when writing, hold no pipe it
    // could inherit, and wait for our process to exit rather than for every pipe to close.
    const child = spawn(cmd, args, { stdio: [writing ? 'pipe' : 'ignore', writing ? 'ignore' : 'pipe', 'ignore'] });
    let out = '';
    let streamFailed = false;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      out += d;
    });
    child.stdout?.on('error', () => {
      streamFailed = true;
    });
    child.stdin?.on('error', () => {
      // The tool exited before taking the value (EPIPE): the exit code tells the rest.
      streamFailed = true;
    });
    child.on('error', () =>
      reject(
        new LatchError(
          'ERR_CLIPBOARD',
          `No clipboard tool answered (${cmd}). On Linux install xclip and run under X11.`,
        ),
      ),
    );
    child.on(writing ? 'exit' : 'close', (code) =>
      code === 0 && !streamFailed ? resolve(out) : reject(toolFailed(cmd)),
    );
    child.stdin?.end(input);
  });
}

/**
 * The system clipboard for the command line and the browser host, through the platform's
 * own tools (xclip, pbcopy, PowerShell). The Electron shell uses Electron's clipboard, and
 * this class for the X11 primary selection only.
 */
export class SystemClipboard implements Clipboard {
  readonly #tool: Tool;
  readonly #platform: NodeJS.Platform;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly selections: readonly ClipboardSelection[];

  constructor(
    platform: NodeJS.Platform = process.platform,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.#tool = toolFor(platform);
    this.#platform = platform;
    this.#env = env;
    this.selections = this.#tool.selections;
  }

  /** Without an X display (ssh, a container, CI) there is no clipboard: say so before trying. */
  #needDisplay(): void {
    if (this.#platform !== 'linux' || this.#env.DISPLAY) return;
    throw new LatchError(
      'ERR_CLIPBOARD',
      'There is no clipboard here: no display is set (DISPLAY is empty, as over ssh, in a container or in CI). Run Latch in a desktop session, or print the value instead (latch get).',
    );
  }

  async readText(selection: ClipboardSelection = 'clipboard'): Promise<string> {
    this.#needDisplay();
    const [cmd, args] = this.#tool.read(selection);
    return run(cmd, args).catch((e) => {
      // An empty X selection makes xclip exit 1: that is an empty clipboard, not an error.
      if (this.#platform === 'linux') return '';
      throw e;
    });
  }

  async writeText(text: string): Promise<void> {
    for (const s of this.selections) await this.writeSelection(s, text);
  }

  async clear(selection?: ClipboardSelection): Promise<void> {
    for (const s of selection ? [selection] : this.selections) await this.writeSelection(s, '');
  }

  /** One selection alone (the Electron shell writes the clipboard itself, the primary selection here). */
  async writeSelection(selection: ClipboardSelection, text: string): Promise<void> {
    this.#needDisplay();
    const [cmd, args] = this.#tool.write(selection);
    await run(cmd, args, text);
    await this.#settle(selection, text);
  }

  /**
   * xclip hands the selection to a forked child, which takes ownership a moment after the
   * parent exits; wait (briefly) until the selection reads back what was written.
   */
  async #settle(selection: ClipboardSelection, expected: string): Promise<void> {
    if (this.#platform !== 'linux') return;
    for (let i = 0; i < 40; i++) {
      if ((await this.readText(selection)) === expected) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new LatchError('ERR_CLIPBOARD', 'The clipboard did not take the new value; is another program holding it?');
  }
}
