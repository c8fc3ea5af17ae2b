import type { EnvAssignment } from '../core/exec/env-assignment';
import { parseDotenv } from '../core/io/dotenv-parse';
import { readCappedFile } from '../core/io/read-capped';
import { utf8Text } from '../core/io/utf8-text';

/**
 * The most an env file can hold: what it sets goes into the child's environment, which Linux caps (with the
 * arguments) at a quarter of the stack limit, usually 2 MiB; `--env-file /dev/zero` stops here.
 */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

const read = new Map<string, Promise<EnvAssignment[]>>();

async function readEnvFile(path: string): Promise<EnvAssignment[]> {
  const bytes = await readCappedFile(path, MAX_ENV_FILE_BYTES, {
    what: `the env file ${path}`,
    advice: 'An environment that large cannot be passed to a program; is it the right file?',
  });
  // A value that is not UTF-8 would reach the command as U+FFFD: refused by line (utf8-text.ts).
  const text = utf8Text(
    bytes,
    `The env file ${path}`,
    'its values would reach the command changed. Convert it (iconv -f latin1 -t utf-8). Nothing was run.',
  );
  return parseDotenv(text, { file: `the env file ${path}`, outcome: 'Nothing was run' }).map((e) => ({
    name: e.name,
    value: e.value,
  }));
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
