import { EXEC_EXIT_NOTE, EXIT_CODES } from '../core/exit-codes';
import { GLOBAL_OPTIONS } from './global-options';
import { type CliCommand, listCommands, type OptionSpec } from './registry';

function optionLines(specs: Record<string, OptionSpec>): string[] {
  return Object.entries(specs).map(([k, s]) => {
    const flag = `${s.short ? `-${s.short}, ` : ''}--${k}${s.type === 'string' ? ' VALUE' : ''}`;
    return `  ${flag.padEnd(28)} ${s.help}`;
  });
}

export function generalHelp(): string {
  const listed = listCommands();
  // One column for all summaries: as wide as the longest name (git-credential, docker-credential...).
  const width = Math.max(...listed.map((c) => c.name.length));
  const cmds = listed.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Latch, the credential vault, on the command line.',
    '',
    'Usage: latch COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...cmds,
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Exit codes:',
    ...Object.values(EXIT_CODES).map(
      ({ code, meaning }) => `  ${String(code).padEnd(4)} ${meaning.replaceAll('`', '')}`,
    ),
    `  ${EXEC_EXIT_NOTE.replaceAll('`', '')}`,
    '',
    'Run "latch COMMAND --help" for the options of a command.',
    '',
  ].join('\n');
}

export function commandHelp(c: CliCommand, summary: string): string {
  return [
    `Usage: ${c.usage}`,
    '',
    summary,
    '',
    ...(c.options && Object.keys(c.options).length > 0 ? ['Options:', ...optionLines(c.options), ''] : []),
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
  ].join('\n');
}
