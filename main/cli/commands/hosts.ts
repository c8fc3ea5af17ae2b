import { normalizeHost } from '../../core/model/host-binding';
import { boundHosts } from '../../core/security/host-binding';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { withServiceStore } from '../with-store';

const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

/**
 * `latch hosts REF`: where a credential goes without asking (host binding), and the command line's
 * way to change it: --add binds a host for good, --forget drops an added host (with the origins
 * approved on it) or one approved origin. The base URL's host goes with the service's base URL.
 */
export const hostsCommand: CliCommand = {
  name: 'hosts',
  usage: 'latch hosts REF [--add HOST]... [--forget HOST|ORIGIN]... [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    add: { type: 'string', multiple: true, help: 'bind the credential to HOST too (api.example.com, host:8443)' },
    forget: {
      type: 'string',
      multiple: true,
      help: 'forget an added HOST (and the origins approved on it) or one approved ORIGIN (https://host)',
    },
  },
  async run(ctx) {
    const add = list(ctx.values.add);
    const forget = list(ctx.values.forget);
    for (const h of add)
      if (normalizeHost(h) === null)
        throw usageError(`--add takes a host such as api.example.com or host:8443 (got "${h.slice(0, 60)}").`);
    return withServiceStore(ctx, async (store) => {
      const { serviceId, credential } = await store.resolve(ctx.positionals[0]!);
      // One save for the whole command: every change or none.
      await store.inOneSave(async () => {
        if (add.length > 0) {
          const current = (await store.credential(serviceId, credential.id)).credential.hosts;
          await store.updateCredential(serviceId, credential.id, { hosts: [...current, ...add] });
        }
        for (const target of forget) await store.forgetHost(serviceId, credential.id, target);
      });
      const { service, credential: now } = await store.credential(serviceId, credential.id);
      const bound = boundHosts({ baseUrl: service.baseUrl, hosts: now.hosts });
      const data = { credential: now.name, bound, hosts: now.hosts, approvedOrigins: now.approvedOrigins };
      const text = [
        `Sent without asking to: ${bound.length > 0 ? bound.join(', ') : '(none: the service has no base URL)'}`,
        `Added to this credential: ${now.hosts.length > 0 ? now.hosts.join(', ') : '(none)'}`,
        `Approved when asked: ${now.approvedOrigins.length > 0 ? now.approvedOrigins.join(', ') : '(none)'}`,
      ].join('\n');
      ctx.output(data, text);
      return 0;
    });
  },
};
