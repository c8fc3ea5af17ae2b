import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../preload/contract';
import { importFileProblem } from '../../../renderer/src/features/transfer/read-file';

describe('the import file check', () => {
  it('refuses a file over the limit by its size, naming both sizes', () => {
    expect(importFileProblem({ size: 50 * 1024 * 1024 })).toMatch(/50 MB.*16 MB/);
    expect(importFileProblem({ size: MAX_IMPORT_BYTES + 1 })).not.toBeNull();
  });

  it('takes a file up to the limit', () => {
    expect(importFileProblem({ size: MAX_IMPORT_BYTES })).toBeNull();
    expect(importFileProblem({ size: 120 })).toBeNull();
  });
});
