import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainGet } from '../../../main/cli/get-args';
import { askAgent, askAgentGet } from '../../../main/core/agent/agent-client';
import { type AgentLookup, startAgent } from '../../../main/core/agent/agent-server';
import { agentPaths } from '../../../main/core/agent/runtime-dir';

const dir = mkdtempSync(join(tmpdir(), 'latch-agent-get-'));
const runtime = join(dir, 'runtime');
mkdirSync(runtime, { mode: 0o700 });
const env = { XDG_RUNTIME_DIR: runtime };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = Buffer.alloc(32, 7);

/** An agent in this process with the given lookup; ended after fn. */
async function withAgent(
  lookup: AgentLookup | undefined,
  fn: (vaultId: string) => Promise<void>,
  requestTimeoutMs?: number,
): Promise<void> {
  const vaultId = randomUUID();
  const start = { vaultId, key: KEY.toString('base64'), expiresAt: Date.now() + 60_000, session: null };
  const options = { ...(lookup ? { lookup } : {}), ...(requestTimeoutMs ? { requestTimeoutMs } : {}) };
  const agent = await startAgent(start, agentPaths(env, vaultId, { create: true }), options);
  try {
    await fn(vaultId);
  } finally {
    agent.end('test');
    await agent.ended;
  }
}

const got = { service: 'S', credential: 'c', kind: 'api-key', field: 'value', value: 'v' };
const request = { reference: 'S/c', vault: '/somewhere/v.latch' };

describe('the agent answers a get through its lookup', () => {
  it('hands the lookup a copy of the key, the vault id and the request, and returns its answer', async () => {
    const seen: unknown[] = [];
    let copy: Uint8Array | undefined;
    await withAgent(
      async (key, vaultId, r) => {
        copy = key;
        seen.push(Buffer.from(key).equals(KEY), vaultId, r.reference, r.vault);
        key.fill(0); // the lookup wipes its copy; the agent's own key must survive it
        return { ok: true, got };
      },
      async (vaultId) => {
        expect(await askAgentGet(env, vaultId, request)).toEqual({ ok: true, got });
        expect(seen).toEqual([true, vaultId, 'S/c', '/somewhere/v.latch']);
        expect(copy?.every((b) => b === 0)).toBe(true);
        const again = await askAgent(env, vaultId, 'key');
        expect(again?.ok && Buffer.from(again.key ?? '', 'base64').equals(KEY)).toBe(true);
      },
    );
  });

  it("carries a failure's code and message; a lookup that throws is 'unavailable' (the client goes the ordinary way)", async () => {
    const failed = { ok: false, error: 'failed', code: 'ERR_NOT_FOUND', message: 'No service is named "S".' } as const;
    await withAgent(
      async () => failed,
      async (id) => expect(await askAgentGet(env, id, request)).toEqual(failed),
    );
    await withAgent(
      async () => {
        throw new Error('boom');
      },
      async (id) => expect(await askAgentGet(env, id, request)).toEqual({ ok: false, error: 'unavailable' }),
    );
  });

  it('an agent without a lookup refuses a get; a relative vault path is a bad request; a long lookup is not cut by the request timeout', async () => {
    await withAgent(undefined, async (id) => {
      expect(await askAgentGet(env, id, request)).toEqual({ ok: false, error: 'bad-request' });
      expect(await askAgentGet(env, id, { ...request, vault: 'v.latch' })).toEqual({ ok: false, error: 'bad-request' });
    });
    // A lookup that refreshes a token over the network may take longer than a request may sit idle.
    await withAgent(
      () => new Promise((r) => setTimeout(() => r({ ok: true, got }), 400)),
      async (id) => expect(await askAgentGet(env, id, request)).toEqual({ ok: true, got }),
      100,
    );
  });

  it('an answer longer than the client takes (1 MiB) is dropped: the client reads the field the ordinary way', async () => {
    await withAgent(
      async () => ({ ok: true, got: { ...got, value: 'x'.repeat(1024 * 1024 + 1) } }),
      async (id) => expect(await askAgentGet(env, id, request)).toBeNull(),
    );
    await withAgent(
      async () => ({ ok: true, got: { ...got, value: 'x'.repeat(512 * 1024) } }),
      async (id) => expect((await askAgentGet(env, id, request))?.ok).toBe(true),
    );
  });

  it('no agent: null, so the ordinary path runs', async () => {
    expect(await askAgentGet(env, randomUUID(), request)).toBeNull();
    expect(await askAgentGet({ XDG_RUNTIME_DIR: join(dir, 'none') }, randomUUID(), request)).toBeNull();
  });
});

describe('plainGet: the only argument shapes the fast path takes (anything else runs the ordinary parser)', () => {
  it('get REF with --json and --vault FILE anywhere', () => {
    const plain = { vault: undefined, json: false, passwordStdin: false };
    expect(plainGet(['get', 'S/c'])).toEqual({ ...plain, reference: 'S/c' });
    expect(plainGet(['--json', 'get', 'latch://S/c/f'])).toEqual({ ...plain, reference: 'latch://S/c/f', json: true });
    expect(plainGet(['get', 'S/c', '--vault', '/v'])).toEqual({ ...plain, reference: 'S/c', vault: '/v' });
    expect(plainGet(['--vault=v.latch', 'get', 'S/c', '--json'])).toEqual({
      ...plain,
      reference: 'S/c',
      vault: 'v.latch',
      json: true,
    });
    // A reference that starts with `-`, after `--` as the ordinary parser takes it; --password-stdin for early-kdf.ts.
    expect(plainGet(['get', '--', '-S/c'])).toEqual({ ...plain, reference: '-S/c' });
    expect(plainGet(['get', 'S/c', '--password-stdin'])).toEqual({ ...plain, reference: 'S/c', passwordStdin: true });
  });

  it('anything else: other commands, counts (with --), options, repeats, empty or option-like values', () => {
    for (const argv of [
      [],
      ['get'],
      ['get', 'a', 'b'],
      ['list'],
      ['add', 'get'],
      ['rotate', 'get'],
      ['get', 'a', '--password-stdin', '--password-stdin'],
      ['get', 'a', '--help'],
      ['get', 'a', '-h'],
      ['get', 'a', '--recovery-kit', 'k'],
      ['get', 'a', '--json', '--json'],
      ['get', 'a', '--vault', '/x', '--vault', '/y'],
      ['get', 'a', '--vault'],
      ['get', 'a', '--vault', '--json'],
      ['get', 'a', '--vault='],
      ['get', 'a', '--', 'b'],
      ['--', 'get', 'a'],
      ['get', '-'],
    ])
      expect(plainGet(argv), argv.join(' ')).toBeNull();
  });
});
