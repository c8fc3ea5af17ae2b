// oidc-provider ships no types and @types/oidc-provider is not installed: the little the test
// peer uses, typed loosely on purpose (configuration is checked by the provider at runtime).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type ProviderConfiguration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export default Provider;
}
