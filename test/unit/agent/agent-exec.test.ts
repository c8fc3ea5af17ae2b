import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainExec } from '../../../main/cli/agent-exec';
import { askAgentGet, askAgentResolve } from '../../../main/core/agent/agent-client';
import { type AgentResolve, startAgent } from '../../../main/core/agent/agent-server';
import { MAX_REFERENCES, MAX_REQUEST_BYTES } from '../../../main/core/agent/protocol';
import { agentPaths } from '../../../main/core/agent/runtime-dir';

const dir = mkdtempSync(join(tmpdir(), 'latch-agent-exec-'));
const runtime = join(dir, 'runtime');
mkdirSync(runtime, { mode: 0o700 });
const env = { XDG_RUNTIME_DIR: runtime };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = Buffer.alloc(32, 9);

async function withAgent(resolve: AgentResolve | undefined, fn: (vaultId: string) => Promise<void>): Promise<void> {
  const vaultId = randomUUID();
  const start = { vaultId, key: KEY.toString('base64'), expiresAt: Date.now() + 60_000, session: null };
  const agent = await startAgent(start, agentPaths(env, vaultId, { create: true }), resolve ? { resolve } : {});
  try {
    await fn(vaultId);
  } finally {
    agent.end('test');
    await agent.ended;
  }
}

const vault = '/somewhere/v.latch';

describe("the agent answers exec's resolve through its resolver", () => {
  it('hands it a copy of the key and the references in order; returns one value per reference', async () => {
    let copy: Uint8Array | undefined;
    const seen: unknown[] = [];
    await withAgent(
      async (key, vaultId, r) => {
        copy = key;
        seen.push(Buffer.from(key).equals(KEY), vaultId, r.references, r.vault);
        key.fill(0);
        return { ok: true, values: r.references.map((ref) => ({ value: `v:${ref}`, secret: ref !== 'S/c/header' })) };
      },
      async (vaultId) => {
        const references = ['latch://S/c', 'S/c/header', 'latch://S/c'];
        expect(await askAgentResolve(env, vaultId, { references, vault })).toEqual({
          ok: true,
          values: [
            { value: 'v:latch://S/c', secret: true },
            { value: 'v:S/c/header', secret: false },
            { value: 'v:latch://S/c', secret: true },
          ],
        });
        expect(seen).toEqual([true, vaultId, references, vault]);
        expect(copy?.every((b) => b === 0)).toBe(true);
      },
    );
  });

  it('carries a failure; a resolver that throws, or an answer with the wrong count, is not taken (the ordinary path runs)', async () => {
    const failed = { ok: false, error: 'failed', code: 'ERR_NOT_FOUND', message: 'No service is named "S".' } as const;
    await withAgent(
      async () => failed,
      async (id) => expect(await askAgentResolve(env, id, { references: ['S/c'], vault })).toEqual(failed),
    );
    await withAgent(
      async () => {
        throw new Error('boom');
      },
      async (id) =>
        expect(await askAgentResolve(env, id, { references: ['S/c'], vault })).toEqual({
          ok: false,
          error: 'unavailable',
        }),
    );
    await withAgent(
      async () => ({ ok: true, values: [{ value: 'one', secret: true }] }),
      async (id) => expect(await askAgentResolve(env, id, { references: ['S/a', 'S/b'], vault })).toBeNull(),
    );
  });

  it('an agent without a resolver (an older one) refuses it, and still answers a get; too many references or bytes are never sent', async () => {
    await withAgent(undefined, async (id) => {
      expect(await askAgentResolve(env, id, { references: ['S/c'], vault })).toEqual({
        ok: false,
        error: 'bad-request',
      });
      expect(await askAgentResolve(env, id, { references: ['S/c'], vault: 'v.latch' })).toEqual({
        ok: false,
        error: 'bad-request',
      });
      expect(await askAgentGet(env, id, { reference: 'S/c', vault })).toEqual({ ok: false, error: 'bad-request' });
    });
    let asked = 0;
    await withAgent(
      async (_key, _id, r) => {
        asked++;
        return { ok: true, values: r.references.map(() => ({ value: 'v', secret: true })) };
      },
      async (id) => {
        const many = Array.from({ length: MAX_REFERENCES + 1 }, (_, i) => `S/c${i}`);
        expect(await askAgentResolve(env, id, { references: many, vault })).toEqual({
          ok: false,
          error: 'bad-request',
        });
        const long = [`S/${'x'.repeat(4000)}`];
        const overlong = Array.from({ length: Math.ceil(MAX_REQUEST_BYTES / 4000) }, () => long[0]!);
        expect(await askAgentResolve(env, id, { references: overlong, vault })).toBeNull();
        expect(await askAgentResolve(env, id, { references: many.slice(0, MAX_REFERENCES), vault })).toMatchObject({
          ok: true,
        });
      },
    );
    expect(asked).toBe(1);
  });
});

describe('plainExec: the only argument shapes the fast path takes (anything else runs the ordinary parser)', () => {
  it('exec with --env (repeated), --env-file and --vault, then -- COMMAND', () => {
    expect(plainExec(['exec', '--env', 'K=latch://S/c', '--', 'node', '-e', '0'])).toEqual({
      env: ['K=latch://S/c'],
      envFile: undefined,
      vault: undefined,
      command: ['node', '-e', '0'],
    });
    expect(
      plainExec(['--vault', '/v', 'exec', '--env=A=1', '--env-file', '.env', '--env', 'B=latch://S/c', '--', 'x']),
    ).toEqual({ env: ['A=1', 'B=latch://S/c'], envFile: '.env', vault: '/v', command: ['x'] });
    // Words before -- are the command's, as the ordinary parser takes them.
    expect(plainExec(['exec', 'printenv', '--env-file=e', '--', 'K'])).toEqual({
      env: [],
      envFile: 'e',
      vault: undefined,
      command: ['printenv', 'K'],
    });
    expect(plainExec(['exec', '--env', 'K=v', '--', 'cmd', '--env', '--', '--vault'])?.command).toEqual([
      'cmd',
      '--env',
      '--',
      '--vault',
    ]);
  });

  it('anything else: another command, no --, no command, no --env, other options, repeats, empty or option-like values', () => {
    for (const argv of [
      [],
      ['exec'],
      ['exec', '--env', 'K=v'],
      ['exec', '--env', 'K=v', 'cmd'],
      ['exec', '--env', 'K=v', '--'],
      ['exec', '--', 'cmd'],
      ['get', '--env', 'K=v', '--', 'cmd'],
      ['--env', 'K=v', 'exec', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--password-stdin', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--json', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--help', '--', 'cmd'],
      ['exec', '--env', 'K=v', '-h', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--recovery-kit', 'k', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--insecure-argv', '--', 'cmd'],
      ['exec', '--env-file', 'a', '--env-file', 'b', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--vault', '/x', '--vault', '/y', '--', 'cmd'],
      ['exec', '--env', '--', 'cmd'],
      ['exec', '--env', '-K=v', '--', 'cmd'],
      ['exec', '--env=', '--', 'cmd'],
      ['exec', '--env-file', '--', 'cmd'],
      ['exec', '--env', 'K=v', '--vault=', '--', 'cmd'],
      ['exec', '--env', 'K=v', '-', '--', 'cmd'],
    ])
      expect(plainExec(argv), argv.join(' ')).toBeNull();
  });
});
