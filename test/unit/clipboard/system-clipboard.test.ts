import { describe, expect, it } from 'vitest';
import { SystemClipboard } from '../../../main/core/clipboard/system-clipboard';

describe('SystemClipboard without a display', () => {
  it('every operation answers ERR_CLIPBOARD saying there is no display, without starting a tool', async () => {
    const clipboard = new SystemClipboard('linux', {});
    for (const op of [() => clipboard.readText(), () => clipboard.writeText('v'), () => clipboard.clear()]) {
      await expect(op()).rejects.toMatchObject({ code: 'ERR_CLIPBOARD', message: expect.stringMatching(/no display/) });
    }
  });

  it('on X11 a copy lands in the clipboard and the primary selection', () => {
    expect(new SystemClipboard('linux', { DISPLAY: ':0' }).selections).toEqual(['clipboard', 'primary']);
    expect(new SystemClipboard('darwin', {}).selections).toEqual(['clipboard']);
  });
});
