import { describe, expect, it } from 'vitest';
import { builtinsByProcess } from '../../../scripts/cli-build/builtins-by-process';

describe("the CLI build's built-in imports", () => {
  it('takes each form rolldown prints from process.getBuiltinModule, bare names too', () => {
    const chunk = [
      'import { t as start } from "./assets/start-x.js";',
      'import { closeSync, constants as constants$1 } from "node:fs";',
      'import { createHmac } from "crypto";',
      'import http from "node:http";',
      'import * as zlib from "node:zlib";',
      'import os, { homedir } from "node:os";',
      'import "node:crypto";',
      'import * as oauth from "oauth4webapi";',
      'var x = 1;',
    ].join('\n');
    expect(builtinsByProcess(chunk).split('\n')).toEqual([
      'import { t as start } from "./assets/start-x.js";',
      'const { closeSync, constants: constants$1 } = process.getBuiltinModule("node:fs");',
      'const { createHmac } = process.getBuiltinModule("crypto");',
      'const http = process.getBuiltinModule("node:http");',
      'const zlib = process.getBuiltinModule("node:zlib");',
      'const os = process.getBuiltinModule("node:os"); const { homedir } = os;',
      'process.getBuiltinModule("node:crypto");',
      'import * as oauth from "oauth4webapi";',
      'var x = 1;',
    ]);
  });

  it("the names it gives are the modules' own", () => {
    const code = builtinsByProcess('import { join as j, sep } from "node:path";\nexport default [j("a", "b"), sep];');
    const [joined, sep] = new Function('process', code.replace('export default', 'return'))(process);
    expect([joined, sep]).toEqual([`a${sep}b`, sep]);
  });

  it('stops the build on an import of a built-in it cannot read, rather than leave its cost', () => {
    expect(() => builtinsByProcess('export { join } from "node:path";')).toThrow(/cannot read: export \{ join \}/);
  });
});
