import { readFileSync } from 'node:fs';
import type { SessionLeader } from './protocol';

/** Fields of /proc/PID/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * The leader of this process's session (the login shell or terminal's shell that ran `latch unlock`).
 * Linux only (null elsewhere, or outside a session): there the agent relies on its timer, `latch lock`,
 * and the runtime folder going away at logout.
 */
export function currentSessionLeader(): SessionLeader | null {
  const self = statFields('self');
  // After the name: state(0) ppid(1) pgrp(2) session(3) ... starttime(19).
  const sid = Number(self?.[3]);
  if (!Number.isInteger(sid) || sid <= 0) return null;
  const start = statFields(sid)?.[19];
  return start ? { pid: sid, start } : null;
}

export function sessionLeaderAlive(leader: SessionLeader): boolean {
  return statFields(leader.pid)?.[19] === leader.start;
}
