import { describe, expect, it } from 'vitest';
import { agentFiles, maxSocketPathBytes } from '../../../main/core/agent/runtime-dir';

const VAULT = '3f2b8c4e-9a1d-4e7b-8c2f-5d6e7f8a9b0c';
/** macOS has no XDG_RUNTIME_DIR: the agent's folder is in TMPDIR, /var/folders/<2>/<28>/T/, then latch-<uid>. */
const MAC_DIR = '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/latch-501';

describe('the agent socket path', () => {
  it('fits macOS’s 104-byte sun_path under a typical macOS TMPDIR (the old agent-<vault id>.sock did not)', () => {
    const { socket, token } = agentFiles(MAC_DIR, VAULT, 'darwin');
    expect(Buffer.byteLength(socket)).toBeLessThanOrEqual(maxSocketPathBytes('darwin'));
    expect(maxSocketPathBytes('darwin')).toBe(103);
    expect(Buffer.byteLength(`${MAC_DIR}/agent-${VAULT}.sock`)).toBeGreaterThan(103);
    expect(socket).toMatch(/^\/var\/folders\/.*\/latch-501\/a-[A-Za-z0-9_-]{12}\.sock$/);
    expect(token).toBe(socket.replace(/\.sock$/, '.token'));
  });

  it('is the same for the same vault and differs between vaults', () => {
    expect(agentFiles(MAC_DIR, VAULT).socket).toBe(agentFiles(MAC_DIR, VAULT).socket);
    expect(agentFiles(MAC_DIR, VAULT.replace('3f', '4f')).socket).not.toBe(agentFiles(MAC_DIR, VAULT).socket);
  });

  it('refuses, with what to do, a folder so long that no socket fits (macOS 103 bytes, Linux 107)', () => {
    const deep = `/var/folders/zz/${'x'.repeat(57)}/T/latch-501`;
    expect(() => agentFiles(deep, VAULT, 'darwin')).toThrow(/XDG_RUNTIME_DIR \(or TMPDIR\)/);
    try {
      agentFiles(deep, VAULT, 'darwin');
    } catch (e) {
      expect(e).toMatchObject({ code: 'ERR_UNSUPPORTED', detail: { reason: 'socket-path-too-long', max: 103 } });
    }
    // The same folder fits Linux's 108 bytes.
    expect(Buffer.byteLength(agentFiles(deep, VAULT, 'linux').socket)).toBeLessThanOrEqual(107);
  });

  it('refuses what is not a vault id', () => {
    expect(() => agentFiles(MAC_DIR, '../../etc/passwd')).toThrow(/Not a vault id/);
  });
});
