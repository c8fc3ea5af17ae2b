import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REVOCATIONS_RECORD, type RevocationJob, Revocations } from '../../../../main/app/oauth/revocations';
import { OAuth2Fields } from '../../../../main/core/model/credential';
import type { RevocationResult } from '../../../../main/core/oauth';
import { createVault } from '../../../../main/core/vault/create-vault';
import type { OpenVault } from '../../../../main/core/vault/open-vault';
import { until } from '../../../support/until';

const dirs: string[] = [];
const live: Revocations[] = [];
afterEach(async () => {
  // A test can end while a queue's save is still writing into its folder (ENOTEMPTY on rm under load):
  // suspend waits for the save in flight.
  for (const r of live.splice(0)) await r.suspend();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function vault(): Promise<OpenVault> {
  const dir = mkdtempSync(join(tmpdir(), 'latch-revocations-'));
  dirs.push(dir);
  return (await createVault({ path: join(dir, 'v.latch'), password: 'pw-pw-pw-pw', iterations: 100_000 })).vault;
}

const signedIn = OAuth2Fields.parse({
  clientId: 'cid',
  clientSecret: 'client-secret-value',
  clientAuth: 'client_secret_basic',
  tokenEndpoint: 'https://as.example/token',
  revocationEndpoint: 'https://as.example/revoke',
  tokens: { accessToken: 'AT-1', refreshToken: 'RT-1', tokenType: 'Bearer', obtainedAt: 0 },
});

describe('Revocations', () => {
  function setup(v: OpenVault | null, answers: RevocationResult[] = [], clock = { now: () => 0 }) {
    const session = { current: v };
    const sent: RevocationJob[] = [];
    const revocations = new Revocations({
      session,
      clock,
      revoke: async (job) => {
        sent.push(job);
        return answers.shift() ?? { status: 'revoked' };
      },
    });
    live.push(revocations);
    return { session, sent, revocations };
  }

  it('sends the refresh token first, then the access token, without the tokens in the job config', async () => {
    const { sent, revocations } = setup(await vault());
    expect(revocations.enqueue('c1', signedIn)).toBe('queued');
    await until(() => sent.length === 2 && revocations.pending === 0);
    expect(sent.map((j) => [j.hint, j.token])).toEqual([
      ['refresh_token', 'RT-1'],
      ['access_token', 'AT-1'],
    ]);
    expect(sent[0]?.config.tokens).toBeUndefined();
  });

  it('says when there is nothing to revoke, or no way to (GitHub, no endpoint)', () => {
    const { revocations } = setup(null);
    expect(revocations.enqueue('c1', { ...signedIn, tokens: undefined })).toBe('nothing');
    expect(revocations.enqueue('c1', { ...signedIn, provider: 'github' })).toBe('unsupported');
    const { revocationEndpoint: _r, ...noEndpoint } = signedIn;
    expect(revocations.enqueue('c1', noEndpoint)).toBe('unsupported');
    expect(revocations.pending).toBe(0);
  });

  it('a job the server could not take waits in the vault across a lock and is sent after the unlock', async () => {
    const v = await vault();
    let now = 0;
    const clock = { now: () => now };
    const later: RevocationResult = { status: 'retry', reason: 'http_503', retryAfterMs: 60_000 };
    const first = setup(v, [later, later], clock);
    first.revocations.enqueue('c1', signedIn);
    await until(() => first.sent.length === 2);
    await first.revocations.suspend();
    expect(first.revocations.pending).toBe(0);
    expect(v.entries().has(REVOCATIONS_RECORD)).toBe(true);
    // The record is inside the encrypted vault: the tokens are not in the file as text.
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(v.path, 'utf8')).not.toContain('RT-1');

    now = 60_000;
    const second = setup(v, [], clock);
    await second.revocations.resume();
    await until(() => second.sent.length === 2 && second.revocations.pending === 0);
    expect(second.sent.map((j) => j.token)).toEqual(['RT-1', 'AT-1']);
    await until(() => !v.entries().has(REVOCATIONS_RECORD));
  });

  it('a damaged record is ignored at unlock: nothing is sent, nothing throws', async () => {
    const v = await vault();
    v.putRecord(REVOCATIONS_RECORD, { pending: 1 }, { v: 1, items: 'not a list' });
    const { sent, revocations } = setup(v);
    await revocations.resume();
    expect(revocations.pending).toBe(0);
    expect(sent).toEqual([]);
  });
});
