import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFileAssignments } from '../../../main/cli/env-file';
import { utf8Text } from '../../../main/core/io/utf8-text';
import { tempDir } from '../../support/temp-dir';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('utf8Text: a file a user gave, as text, never silently changed', () => {
  it('UTF-8 comes back as is, a BOM and characters beyond ASCII included', () => {
    const text = '\ufeffa=caf\u00e9 \u{1f511}\nb=2\n';
    expect(utf8Text(Buffer.from(text, 'utf8'), 'The file', 'then.')).toBe(text);
  });

  it('bytes that are not UTF-8 are refused with the first line holding them', () => {
    expect(() => utf8Text(latin1('# ok\nx=1\ncaf\u00e9=2\nbad\u00ff\n'), 'The file f', 'convert it.')).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_INPUT', message: 'The file f is not UTF-8 text (line 3); convert it.' }),
    );
    // A sequence cut off at the end of the file, and one on the last line without a line break.
    expect(() => utf8Text(Buffer.from([0x61, 0x0a, 0xe2, 0x82]), 'F', '.')).toThrow(/line 2/);
  });

  it('a UTF-16 file (Windows PowerShell 5 writes one with > and Out-File) is named as such, with the conversion from UTF-16', () => {
    // The Latin-1 advice would turn it into text with a NUL after every character.
    for (const bom of [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])]) {
      const bytes = Buffer.concat([bom, Buffer.from('A=1\n', bom[0] === 0xff ? 'utf16le' : 'latin1')]);
      let message = '';
      try {
        utf8Text(bytes, 'The file f', 'convert it (iconv -f latin1 -t utf-8).');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^The file f is UTF-16 text, not UTF-8 /);
      expect(message).toMatch(/iconv -f utf-16 -t utf-8/);
      expect(message).not.toMatch(/latin1/);
    }
  });
});

describe('latch exec --env-file', () => {
  const dir = tempDir('utf8-env');

  it('refuses an env file that is not UTF-8 (its value would reach the command as U+FFFD), before anything runs', async () => {
    const file = join(dir, 'latin1.env');
    writeFileSync(file, latin1('A=1\nNAME=Jos\u00e9\n'));
    await expect(envFileAssignments(file)).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
      message: expect.stringMatching(/latin1\.env is not UTF-8 text \(line 2\); .*Nothing was run\.$/),
    });
    const utf8 = join(dir, 'utf8.env');
    writeFileSync(utf8, 'NAME=Jos\u00e9\n');
    expect(await envFileAssignments(utf8)).toEqual([{ name: 'NAME', value: 'Jos\u00e9' }]);
  });
});
