import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../preload/contract';
import { droppedFile, importFileProblem } from '../../../renderer/src/features/transfer/read-file';

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

describe('the dropped file', () => {
  const fileItem = (name: string, isDirectory = false) => ({
    kind: 'file',
    getAsFile: () => new File(['A=1'], name),
    webkitGetAsEntry: () => ({ isDirectory }),
  });

  it('refuses an empty file before reading it', () => {
    expect(importFileProblem({ size: 0 })).toMatch(/empty/);
  });

  it('takes one file, and says why a folder, several files or dragged text are not one', () => {
    const one = droppedFile([fileItem('.env')]);
    expect('file' in one && one.file.name).toBe('.env');
    expect(droppedFile([fileItem('project', true)])).toEqual({ problem: expect.stringMatching(/folder/) });
    expect(droppedFile([fileItem('a.env'), fileItem('b.env')])).toEqual({ problem: 'Drop one file at a time.' });
    expect(droppedFile([{ kind: 'string', getAsFile: () => null }])).toEqual({
      problem: expect.stringMatching(/Drop a file/),
    });
    expect(droppedFile([{ kind: 'file', getAsFile: () => null }])).toEqual({
      problem: expect.stringMatching(/could not be read/),
    });
  });
});
