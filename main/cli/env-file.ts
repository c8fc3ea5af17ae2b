import { readFile } from 'node:fs';
import type { EnvAssignment } from '../core/exec/env-assignment';
import { parseDotenv } from '../core/io/dotenv-parse';
import { LatchError } from '../core/model/errors';

const read = new Map<string, Promise<EnvAssignment[]>>();

async function readEnvFile(path: string): Promise<EnvAssignment[]> {
  // node:fs's callback form: node:fs/promises is one more of Node's own modules to load at exec's start.
  const text = await new Promise<string>((resolve, reject) =>
    readFile(path, 'utf8', (e, read) =>
      e
        ? reject(new LatchError('ERR_NOT_FOUND', `Cannot read the env file ${path} (${e.code ?? 'read error'}).`))
        : resolve(read),
    ),
  );
  return parseDotenv(text).map((e) => ({ name: e.name, value: e.value }));
}

/**
 * `latch exec --env-file FILE`'s assignments (or its error), read once per process: the fast path through the
 * agent (agent-exec.ts) reads them first, and when it hands over to the ordinary exec, that one must get the
 * same, because the file may be a pipe that reads only once (`--env-file <(...)`, a FIFO).
 */
export function envFileAssignments(path: string): Promise<EnvAssignment[]> {
  let assignments = read.get(path);
  if (assignments === undefined) {
    assignments = readEnvFile(path);
    assignments.catch(() => undefined); // its reader handles the error; this copy must not be an unhandled one
    read.set(path, assignments);
  }
  return assignments;
}
