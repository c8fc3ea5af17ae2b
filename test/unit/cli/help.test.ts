import { describe, expect, it } from 'vitest';
import '../../../main/cli/commands';
import { generalHelp } from '../../../main/cli/help';
import { listCommands } from '../../../main/cli/registry';

describe('latch --help', () => {
  it('starts every summary in one column, names longer than ten characters included', () => {
    const lines = generalHelp().split('\n');
    const from = lines.indexOf('Commands:') + 1;
    const rows = lines.slice(from, lines.indexOf('', from));
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(listCommands().map((c) => c.name));
    expect(rows.some((r) => r.trim().startsWith('docker-credential '))).toBe(true);
    const columns = new Set(rows.map((r) => /^ {2}\S+ +/.exec(r)![0].length));
    expect(columns.size).toBe(1);
  });
});
