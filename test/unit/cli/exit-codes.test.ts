import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../../main/cli/exit-codes';
import { generalHelp } from '../../../main/cli/help';
import { EXIT_CODES } from '../../../main/core/exit-codes';
import { LatchError } from '../../../main/core/model/errors';

const docs = readFileSync(join(import.meta.dirname, '../../../docs/cli.md'), 'utf8');

describe('one table of exit codes', () => {
  it('help and docs/cli.md list every code the command line returns, with the same meaning', () => {
    const help = generalHelp();
    for (const { code, meaning } of Object.values(EXIT_CODES)) {
      expect(help).toContain(`  ${String(code).padEnd(4)} ${meaning.replaceAll('`', '')}`);
      expect(docs).toContain(`| ${code} | ${meaning} |`);
    }
    const documented = [...docs.matchAll(/^\| (\d+) \| /gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(Object.values(EXIT_CODES).map((e) => e.code));
  });

  it('errors map onto the table', () => {
    expect(EXIT.LOGIN_REQUIRED).toBe(4);
    expect(EXIT.HTTP_FAIL).toBe(22);
    expect(exitCodeFor(new LatchError('ERR_OAUTH_LOGIN_REQUIRED', 'x'))).toBe(4);
    expect(exitCodeFor(new LatchError('ERR_WRONG_PASSWORD', 'x'))).toBe(3);
    expect(exitCodeFor(new Error('x'))).toBe(1);
  });
});
