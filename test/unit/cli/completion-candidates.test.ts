import { describe, expect, it } from 'vitest';
import { type CompletionSources, completionCandidates } from '../../../main/cli/completion/candidates';

const noLoad = async () => {
  throw new Error('not loaded');
};
const sources = (over: Partial<CompletionSources> = {}): CompletionSources => ({
  commands: [
    { name: 'copy', summary: '', completes: { references: true }, load: noLoad },
    { name: 'jwt', summary: '', completes: { words: ['decode', 'sign'] }, load: noLoad },
    { name: 'list', summary: '', completes: { services: true }, load: noLoad },
  ],
  optionsOf: async () => ({ 'clear-after': { type: 'string', help: '' }, quiet: { type: 'boolean', help: '' } }),
  references: async () => ['latch://Stripe/live', 'latch://Stripe/test%20key'],
  services: async () => ['Stripe'],
  ...over,
});

describe('completionCandidates', () => {
  it('offers commands, then the command options, skipping the value of an option that takes one', async () => {
    expect(await completionCandidates(['c'], sources())).toEqual(['copy']);
    expect(await completionCandidates([''], sources())).toEqual(['copy', 'jwt', 'list', 'help']);
    expect(await completionCandidates(['copy', '--c'], sources())).toEqual(['--clear-after']);
    expect(await completionCandidates(['copy', '--clear-after', ''], sources())).toEqual([]);
    expect(await completionCandidates(['copy', '--clear-after', '5', 'latch://S'], sources())).toEqual([
      'latch://Stripe/live',
      'latch://Stripe/test%20key',
    ]);
    expect(await completionCandidates(['--vault', 'x', 'co'], sources())).toEqual(['copy']);
  });

  it('offers references with or without the scheme, words, services; nothing past the first argument', async () => {
    expect(await completionCandidates(['copy', 'Stripe/t'], sources())).toEqual(['Stripe/test%20key']);
    expect(await completionCandidates(['jwt', ''], sources())).toEqual(['decode', 'sign']);
    expect(await completionCandidates(['list', ''], sources())).toEqual(['Stripe']);
    expect(await completionCandidates(['copy', 'latch://Stripe/live', ''], sources())).toEqual([]);
  });

  it('does not open the vault (or load a command) for a word that needs neither', async () => {
    const refuse = async (): Promise<string[]> => {
      throw new Error('vault opened');
    };
    const s = sources({ references: refuse, services: refuse, optionsOf: noLoad });
    expect(await completionCandidates(['jwt', ''], s)).toEqual(['decode', 'sign']);
    expect(await completionCandidates(['--j'], s)).toEqual(['--json']);
  });
});
