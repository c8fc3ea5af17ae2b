import { describe, expect, it } from 'vitest';
import { foregroundFromStat, inTerminalForeground } from '../../../main/core/exec/terminal-foreground';

// pid (comm) state ppid pgrp session tty_nr tpgid flags ...
const stat = (comm: string, pgrp: number, tpgid: number) =>
  `4242 (${comm}) S 1 ${pgrp} ${pgrp} 34816 ${tpgid} 4194560 100 0 0 0`;

describe('foregroundFromStat', () => {
  it('is true when the process group is the terminal foreground group', () => {
    expect(foregroundFromStat(stat('node', 4242, 4242))).toBe(true);
  });

  it('is false in a background group, or with no controlling terminal (tpgid -1)', () => {
    expect(foregroundFromStat(stat('node', 4242, 5000))).toBe(false);
    expect(foregroundFromStat(stat('node', 4242, -1))).toBe(false);
  });

  it('reads past a command name holding spaces and parentheses', () => {
    expect(foregroundFromStat(stat('a) S 1 9 9 0 9 (b', 4242, 4242))).toBe(true);
    expect(foregroundFromStat(stat('x) R 1 7 7 1 7 (', 4242, -1))).toBe(false);
  });

  it('cannot tell from a line that is cut short', () => {
    expect(foregroundFromStat('4242 (node) S 1 4242')).toBeUndefined();
    expect(foregroundFromStat('')).toBeUndefined();
  });

  it('answers for this process (a test runner has no terminal of its own here, or is in its foreground)', () => {
    expect([true, false]).toContain(inTerminalForeground());
  });

  it('on Windows, always: Ctrl-C reaches every process of the console, and passing it on would kill the child', () => {
    // child.kill('SIGINT') is TerminateProcess there: terraform would die at once, its state lock held.
    expect(inTerminalForeground(2 ** 22 + 1, 'win32')).toBe(true);
  });

  it('asks of another process by its pid, and cannot tell of one that has gone', () => {
    expect(inTerminalForeground(process.pid)).toBe(inTerminalForeground());
    expect(inTerminalForeground(2 ** 22 + 1)).toBeUndefined();
  });
});
