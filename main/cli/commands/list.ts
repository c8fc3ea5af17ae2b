import type { CliCommand } from '../registry';
import { withServiceStore } from '../with-store';

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'latch list [SERVICE] [--json]',
  positionals: { min: 0, max: 1 },
  async run(ctx) {
    const only = ctx.positionals[0]?.toLowerCase();
    return withServiceStore(ctx, async (store) => {
      const services = store.summaries().filter((s) => only === undefined || s.name.toLowerCase() === only);
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
        lines.push(only === undefined ? 'The vault holds no services yet.' : 'No such service.');
      ctx.output({ services }, lines.join('\n'));
      return only !== undefined && services.length === 0 ? 1 : 0;
    });
  },
};
