import { describe, expect, it } from 'vitest';
import { runClipboardClearer, sha256Hex } from '../../../main/cli/clipboard-clearer';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';

const env = (value: string, at = Date.now()) => ({ LATCH_CLEAR_SHA256: sha256Hex(value), LATCH_CLEAR_AT: String(at) });

describe('latch copy: the detached clearer', () => {
  it('clears when the clipboard still hashes to what was copied', async () => {
    const clipboard = new MemoryClipboard();
    clipboard.text = 'sk_live_1';
    expect(await runClipboardClearer(env('sk_live_1'), clipboard)).toBe(0);
    expect(clipboard.text).toBe('');
  });
  it('leaves something else alone', async () => {
    const clipboard = new MemoryClipboard();
    clipboard.text = 'copied since';
    expect(await runClipboardClearer(env('sk_live_1'), clipboard)).toBe(0);
    expect(clipboard.text).toBe('copied since');
  });
  it('waits for the deadline', async () => {
    const clipboard = new MemoryClipboard();
    clipboard.text = 'v';
    const started = Date.now();
    await runClipboardClearer(env('v', started + 150), clipboard);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(clipboard.text).toBe('');
  });
  it('refuses a malformed hash or deadline without touching the clipboard', async () => {
    const clipboard = new MemoryClipboard();
    clipboard.text = 'v';
    expect(await runClipboardClearer({ LATCH_CLEAR_SHA256: 'v', LATCH_CLEAR_AT: '0' }, clipboard)).toBe(2);
    expect(await runClipboardClearer({ LATCH_CLEAR_SHA256: sha256Hex('v') }, clipboard)).toBe(2);
    expect(clipboard.text).toBe('v');
  });
  it('clears the X11 primary selection on its own when the user copied something else since', async () => {
    const clipboard = new MemoryClipboard({ primary: true });
    await clipboard.writeText('sk_live_1');
    clipboard.text = 'copied since';
    await runClipboardClearer(env('sk_live_1'), clipboard);
    expect(clipboard.text).toBe('copied since');
    expect(await clipboard.readText('primary')).toBe('');
  });
});
