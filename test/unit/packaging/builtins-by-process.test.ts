import { describe, expect, it } from 'vitest';
import { builtinsByProcess } from '../../../scripts/cli-build/builtins-by-process';

describe("the CLI build's built-in requires", () => {
  it('takes each form rolldown prints from process.getBuiltinModule, bare names too', () => {
    const chunk = [
      'const require_start = require("./assets/start-x.cjs");',
      'let node_fs = require("node:fs");',
      'let crypto = require("crypto");',
      'require("node:crypto");',
      'var holding = new (require("node:async_hooks")).AsyncLocalStorage();',
      'let oauth4webapi = require("oauth4webapi");',
      'var x = 1;',
    ].join('\n');
    expect(builtinsByProcess(chunk).split('\n')).toEqual([
      'const require_start = require("./assets/start-x.cjs");',
      'let node_fs = process.getBuiltinModule("node:fs");',
      'let crypto = process.getBuiltinModule("crypto");',
      'process.getBuiltinModule("node:crypto");',
      'var holding = new (process.getBuiltinModule("node:async_hooks")).AsyncLocalStorage();',
      'let oauth4webapi = require("oauth4webapi");',
      'var x = 1;',
    ]);
  });

  it("the modules it gives are the modules' own", () => {
    const code = builtinsByProcess(
      'let node_path = require("node:path");\nreturn [node_path.join("a", "b"), node_path.sep];',
    );
    const [joined, sep] = new Function('process', 'require', code)(process, () => {
      throw new Error('required');
    });
    expect([joined, sep]).toEqual([`a${sep}b`, sep]);
  });

  it('stops the build on an ES import of a built-in, rather than leave its cost', () => {
    expect(() => builtinsByProcess('import { join } from "node:path";')).toThrow(/cannot read: import \{ join \}/);
  });
});
