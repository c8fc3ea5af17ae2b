/**
 * The sign-in flows: one running flow per credential, cancellable, each grant as core runs it
 * (authorization code through the user's browser and a loopback listener, implicit, client
 * credentials, device code with its user code shown while it polls). Saving the tokens is the
 * caller's: this only obtains them.
 */
import type { TokenSet } from '../../core/model/credential';
import {
  authorize,
  authorizeImplicit,
  clientCredentials,
  type OAuth2Config,
  type ResolveOptions,
  type Sleep,
  startDeviceAuthorization,
} from '../../core/oauth';
import type { BrowserOpener } from '../../core/platform';
import type { AppEvents } from '../events';
import type { DeviceCodeInfo } from './oauth-types';

export interface SignInFlowsDeps {
  opener: BrowserOpener;
  events: AppEvents;
  /** How long a browser sign-in waits before the screen says what for; default SIGN_IN_PATIENCE_MS. */
  patienceMs?: number;
}

/** Long enough to sign in and approve; after it the screen names the wait and offers Cancel. */
export const SIGN_IN_PATIENCE_MS = 2 * 60_000;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the sign-in page';
  }
}

/** What a flow is given: the log, the clock, the discovery cache; `sleep` paces device polling. */
export type FlowEnv = ResolveOptions & { sleep?: Sleep };

export class SignInFlows {
  readonly #running = new Map<string, AbortController>();
  readonly #devices = new Map<string, DeviceCodeInfo>();
  /** Browser sign-ins that have waited past the patience: what each waits for. */
  readonly #waiting = new Map<string, string>();

  constructor(private readonly d: SignInFlowsDeps) {}

  /** Runs the credential's grant (cancelling one already running for it) and returns the new tokens. */
  async run(serviceId: string, credentialId: string, config: OAuth2Config, env: FlowEnv): Promise<TokenSet> {
    this.cancel(credentialId);
    const controller = new AbortController();
    this.#running.set(credentialId, controller);
    let patience: NodeJS.Timeout | undefined;
    // The browser was sent to the sign-in page: after the patience, the screen says where it waits.
    const opened = (url: string) => {
      patience = setTimeout(() => {
        if (this.#running.get(credentialId) !== controller) return;
        this.#waiting.set(credentialId, `Waiting for you to approve in the browser at ${hostOf(url)}…`);
        this.d.events.emit('oauth.changed', {});
      }, this.d.patienceMs ?? SIGN_IN_PATIENCE_MS);
      patience.unref();
    };
    try {
      return await this.#obtain(serviceId, credentialId, config, { ...env, signal: controller.signal }, opened);
    } finally {
      clearTimeout(patience);
      if (this.#running.get(credentialId) === controller) {
        this.#running.delete(credentialId);
        this.#waiting.delete(credentialId);
      }
    }
  }

  /** One credential's flow, or every flow when no id is given. */
  cancel(credentialId?: string): void {
    for (const [id, controller] of [...this.#running]) {
      if (credentialId !== undefined && id !== credentialId) continue;
      controller.abort();
      this.#running.delete(id);
      this.#waiting.delete(id);
    }
  }

  /** Every flow is cancelled and no device code is shown any more (the vault is locking). */
  stopAll(): void {
    this.cancel();
    this.#devices.clear();
  }

  /** What a long browser sign-in waits for, once it has waited past the patience. */
  waitingFor(credentialId: string): string | null {
    return this.#waiting.get(credentialId) ?? null;
  }

  isRunning(credentialId: string): boolean {
    return this.#running.has(credentialId);
  }

  pendingDevices(): DeviceCodeInfo[] {
    return [...this.#devices.values()];
  }

  async #obtain(
    serviceId: string,
    credentialId: string,
    config: OAuth2Config,
    env: FlowEnv,
    opened: (url: string) => void,
  ) {
    // A sign-in replaces the tokens; the old ones must not leak into the new flow.
    const signedOut: OAuth2Config = { ...config };
    delete signedOut.tokens;
    const opener: BrowserOpener = {
      open: async (url) => {
        await this.d.opener.open(url);
        opened(url);
      },
    };
    switch (config.grant) {
      case 'authorization_code':
        return authorize(signedOut, {
          ...env,
          opener,
          onStage: (stage) => this.d.events.emit('oauth.progress', { credentialId, stage }),
        });
      case 'implicit':
        return authorizeImplicit(signedOut, { ...env, opener });
      case 'client_credentials':
        return clientCredentials(signedOut, env);
      case 'device_code':
        return this.#device(serviceId, credentialId, signedOut, env);
    }
  }

  async #device(serviceId: string, credentialId: string, config: OAuth2Config, env: FlowEnv) {
    const device = await startDeviceAuthorization(config, env);
    const info: DeviceCodeInfo = {
      serviceId,
      credentialId,
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      verificationUriComplete: device.verificationUriComplete ?? null,
      expiresAt: device.expiresAt,
    };
    this.#devices.set(credentialId, info);
    this.d.events.emit('oauth.device', info);
    try {
      return await device.poll();
    } finally {
      this.#devices.delete(credentialId);
    }
  }
}
