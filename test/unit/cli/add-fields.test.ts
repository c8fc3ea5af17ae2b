import { describe, expect, it } from 'vitest';
import { latchWithoutVault as latch } from './latch-without-vault';

describe('latch add: a field the kind needs and the command line did not give', () => {
  it('is named as the --field to add (a secret one with "-"), not as a schema message', async () => {
    const r = await latch(['add', 'S', '--kind', 'basic', '--name', 'n', '--field', 'username=u']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'latch: A credential of kind basic needs --field password=- (a secret: "-" reads it from stdin).\n',
    );
    // The secret kind's own "name" field (the variable's name), which is no secret.
    const named = await latch(['add', 'S', '--kind', 'secret', '--name', 'n', '--insecure-argv', '--field', 'value=v']);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('\nlatch: A credential of kind secret needs --field name=….\n');
  });
});
