import { describe, expect, it } from 'vitest';
import { FlowLogs, KEPT_FLOWS } from '../../../../main/app/oauth/flow-logs';
import { LatchError } from '../../../../main/core/model/errors';

function entry(status: number) {
  return { method: 'POST', url: 'https://as.example/token', status, durationMs: 3, at: 0, outcome: 'ok' as const };
}

describe('FlowLogs', () => {
  it('a flow is ok when its work resolves, failed or cancelled when it throws, with the error', async () => {
    let now = 1000;
    const logs = new FlowLogs({ now: () => now });
    await logs.run('c1', 'refresh', async (log) => {
      log.record(entry(200));
      now = 1500;
    });
    expect(logs.latest('c1')).toMatchObject({ flow: 'refresh', outcome: 'ok', startedAt: 1000, finishedAt: 1500 });
    expect(logs.latest('c1')?.entries).toHaveLength(1);

    await expect(
      logs.run('c1', 'refresh', async () => {
        throw new LatchError('ERR_OAUTH', 'Refreshing the token failed (invalid_client).');
      }),
    ).rejects.toThrow('invalid_client');
    expect(logs.latest('c1')).toMatchObject({ outcome: 'failed', error: { code: 'ERR_OAUTH' } });

    await expect(
      logs.run('c1', 'authorization_code', async () => {
        throw new LatchError('ERR_CANCELLED', 'The sign-in was cancelled.');
      }),
    ).rejects.toThrow();
    expect(logs.latest('c1')?.outcome).toBe('cancelled');
  });

  it('a resolved revocation the server asked to retry is not "ok"', async () => {
    const logs = new FlowLogs({ now: () => 0 });
    await logs.run(
      'c1',
      'revocation',
      async () => 'retry',
      (r) => (r === 'revoked' ? 'ok' : 'failed'),
    );
    expect(logs.latest('c1')?.outcome).toBe('failed');
  });

  it(`keeps the last ${KEPT_FLOWS} flows newest first, per credential, and forgets on delete`, async () => {
    const logs = new FlowLogs({ now: () => 0 });
    for (let i = 0; i < KEPT_FLOWS + 2; i++) await logs.run('c1', `flow-${i}`, async () => undefined);
    await logs.run('c2', 'other', async () => undefined);
    const recent = logs.recent('c1');
    expect(recent.map((l) => l.flow)).toEqual(
      Array.from({ length: KEPT_FLOWS }, (_, k) => `flow-${KEPT_FLOWS + 1 - k}`),
    );
    logs.forget('c1');
    expect(logs.recent('c1')).toEqual([]);
    expect(logs.latest('c2')?.flow).toBe('other');
  });

  it('a cancelled flow that ends after its successor started does not mark the successor', async () => {
    const logs = new FlowLogs({ now: () => 0 });
    let fail: (e: unknown) => void = () => undefined;
    const first = logs.run('c1', 'authorization_code', () => new Promise<void>((_, reject) => (fail = reject)));
    let finish: () => void = () => undefined;
    const second = logs.run('c1', 'authorization_code', () => new Promise<void>((resolve) => (finish = resolve)));
    fail(new LatchError('ERR_CANCELLED', 'cancelled'));
    await expect(first).rejects.toThrow();
    expect(logs.latest('c1')?.outcome).toBe('running');
    finish();
    await second;
    expect(logs.recent('c1').map((l) => l.outcome)).toEqual(['ok', 'cancelled']);
  });

  it('a copy goes out: the caller cannot change the kept log', async () => {
    const logs = new FlowLogs({ now: () => 0 });
    await logs.run('c1', 'refresh', async (log) => log.record(entry(200)));
    logs.latest('c1')?.entries.pop();
    expect(logs.latest('c1')?.entries).toHaveLength(1);
  });
});
