import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LatchError } from '../../../main/core/model/errors';
import { createDispatcher, type HandlerTable } from '../../../main/ipc/dispatcher';
import { createHandlers } from '../../../main/ipc/handlers/index';
import { CHANNEL_NAMES, channels, EVENT_NAMES, events } from '../../../preload/contract';
import { composeForTest } from './test-services';

const ctx = { transport: 'browser-host' as const };

describe('the contract', () => {
  it('gives every channel a handler, an input schema and an output schema', () => {
    const { services } = composeForTest();
    const table = createHandlers(services) as Record<string, unknown>;
    expect(CHANNEL_NAMES.length).toBeGreaterThan(0);
    for (const name of CHANNEL_NAMES) {
      expect(typeof table[name], `handler for ${name}`).toBe('function');
      expect(typeof channels[name].input.safeParse, `input schema for ${name}`).toBe('function');
      expect(typeof channels[name].output.safeParse, `output schema for ${name}`).toBe('function');
    }
    // No handler for a channel the contract does not name.
    expect(Object.keys(table).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('documents error codes per namespace (docs/errors.md) instead of unchecked per-channel lists', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const spec of Object.values(channels))
      expect(Object.keys(spec).sort()).toEqual(['gesture', 'input', 'output']);
    const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');
    const namespaces = new Set(CHANNEL_NAMES.map((n) => n.split('.')[0] ?? ''));
    for (const ns of namespaces)
      expect(
        headings.some((h) => h.split(', ').includes(ns)),
        `section for ${ns}`,
      ).toBe(true);
    for (const [code] of doc.matchAll(/ERR_[A-Z_]+/g)) expect(ERROR_CODES as readonly string[]).toContain(code);
  });

  it('names every channel and event as namespace.member', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    for (const name of EVENT_NAMES) expect(typeof events[name].safeParse).toBe('function');
  });
});

describe('the dispatcher', () => {
  it('answers a valid call', async () => {
    const { dispatch } = composeForTest();
    expect(await dispatch('app.ping', { echo: 'hi' }, ctx)).toEqual({ ok: true, value: { echo: 'hi' } });
  });

  it('returns ERR_UNKNOWN_CHANNEL for a channel the contract does not name', async () => {
    const { dispatch } = composeForTest();
    for (const name of ['nope.nothing', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch(name, {}, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('ERR_UNKNOWN_CHANNEL');
    }
  });

  it('returns ERR_BAD_INPUT for a malformed payload, and nothing crashes', async () => {
    const { dispatch } = composeForTest();
    for (const payload of [{ echo: 5 }, { echo: 'x'.repeat(1000) }, { echo: 'x', extra: true }, 'string', [1, 2]]) {
      const result = await dispatch('app.ping', payload, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('ERR_BAD_INPUT');
    }
    const bad = await dispatch('settings.update', { autoLockMinutes: -5 }, ctx);
    expect(bad.ok ? null : bad.error.code).toBe('ERR_BAD_INPUT');
  });

  it('passes a LatchError through as { code, message } and hides anything else', async () => {
    const { services } = composeForTest();
    const table: HandlerTable = {
      ...createHandlers(services),
      'app.ping': ({ echo }) => {
        if (echo === 'latch') throw new LatchError('ERR_NOT_FOUND', 'No such thing.');
        throw new Error(`secret-value-${echo}`);
      },
    };
    const dispatch = createDispatcher(table);
    expect(await dispatch('app.ping', { echo: 'latch' }, ctx)).toEqual({
      ok: false,
      error: { code: 'ERR_NOT_FOUND', message: 'No such thing.' },
    });
    const hidden = await dispatch('app.ping', { echo: 'hunter2' }, ctx);
    expect(hidden.ok).toBe(false);
    if (!hidden.ok) {
      expect(hidden.error.code).toBe('ERR_INTERNAL');
      expect(JSON.stringify(hidden)).not.toContain('hunter2');
    }
  });

  it('strips fields a handler returns that the contract does not name', async () => {
    const { services } = composeForTest();
    const table: HandlerTable = {
      ...createHandlers(services),
      'app.ping': ({ echo }) => ({ echo, leaked: 'secret' }) as { echo: string },
    };
    const result = await createDispatcher(table)('app.ping', { echo: 'a' }, ctx);
    expect(result).toEqual({ ok: true, value: { echo: 'a' } });
  });

  it('emits settings.changed when settings are updated', async () => {
    const { dispatch, events } = composeForTest();
    const seen: unknown[] = [];
    const off = events.subscribe((name, payload) => seen.push([name, payload]));
    await dispatch('settings.update', { theme: 'dark' }, ctx);
    off();
    await dispatch('settings.update', { theme: 'light' }, ctx);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject(['settings.changed', { theme: 'dark' }]);
  });
});
