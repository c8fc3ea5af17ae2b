import type { CliCommand } from '../registry';
import { serviceNameForms } from '../service-name';
import { withServiceStore } from '../with-store';

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'latch list [SERVICE] [--json]',
  positionals: { min: 0, max: 1 },
  async run(ctx) {
    const named = ctx.positionals[0];
    return withServiceStore(ctx, async (store) => {
      const all = store.summaries();
      const withName = (name: string) => all.filter((s) => s.name.toLowerCase() === name.toLowerCase());
      // The name as typed, else as shell completion offers it (percent-encoded).
      const services =
        named === undefined
          ? all
          : (serviceNameForms(named)
              .map(withName)
              .find((m) => m.length > 0) ?? []);
      const lines: string[] = [];
      for (const s of services) {
        lines.push(`${s.name}${s.baseUrl ? `  ${s.baseUrl}` : ''}`);
        const width = Math.max(0, ...s.credentials.map((c) => c.name.length));
        for (const c of s.credentials) {
          const status = c.statuses.length > 0 ? `  (${c.statuses.join(', ')})` : '';
          lines.push(`  ${c.name.padEnd(width)}  ${c.kind}${status}`);
        }
        if (s.credentials.length === 0) lines.push('  (no credentials)');
      }
      if (services.length === 0)
        lines.push(named === undefined ? 'The vault holds no services yet.' : 'No such service.');
      ctx.output({ services }, lines.join('\n'));
      return named !== undefined && services.length === 0 ? 1 : 0;
    });
  },
};
