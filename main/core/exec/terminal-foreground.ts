import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether a /proc/PID/stat line (proc(5)) is of a process in the foreground process group of its controlling
 * terminal: its pgrp is the terminal's tpgid (-1 or 0 with no terminal). undefined when the line cannot be read.
 */
export function foregroundFromStat(stat: string): boolean | undefined {
  // The command name (2nd field) is in parentheses and may itself hold spaces and parentheses.
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // state ppid pgrp session tty_nr tpgid
  const pgrp = Number(after[2]);
  const tpgid = Number(after[5]);
  if (after.length < 6 || !Number.isInteger(pgrp) || !Number.isInteger(tpgid)) return undefined;
  return tpgid > 0 && tpgid === pgrp;
}

/**
 * Whether process `pid` is in the foreground process group of a terminal, where a key the terminal turns into a
 * signal (Ctrl-C's SIGINT) reaches every process of the group. Linux reads /proc; elsewhere ps(1) answers
 * (macOS, the BSDs: `-o pgid=,tpgid=`). undefined when neither can tell (the process has gone, say). On Windows,
 * always true: a console sends Ctrl-C to every process attached to it, and a SIGINT reaches Node no other way.
 */
export function inTerminalForeground(
  pid: number = process.pid,
  platform: NodeJS.Platform = process.platform,
): boolean | undefined {
  // There, a child's kill('SIGINT') is TerminateProcess: passing Ctrl-C on would kill the command outright.
  if (platform === 'win32') return true;
  try {
    if (platform === 'linux') return foregroundFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const out = execFileSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [pgid, tpgid] = out.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(pgid) || !Number.isInteger(tpgid)) return undefined;
    return (tpgid as number) > 0 && tpgid === pgid;
  } catch {
    return undefined;
  }
}
