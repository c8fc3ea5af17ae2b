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
}

/** What a flow is given: the log, the clock, the discovery cache; `sleep` paces device polling. */
export type FlowEnv = ResolveOptions & { sleep?: Sleep };

export class SignInFlows {
  readonly #running = new Map<string, AbortController>();
  readonly #devices = new Map<string, DeviceCodeInfo>();

  constructor(private readonly d: SignInFlowsDeps) {}

  /** Runs the credential's grant (cancelling one already running for it) and returns the new tokens. */
  async run(serviceId: string, credentialId: string, config: OAuth2Config, env: FlowEnv): Promise<TokenSet> {
    this.cancel(credentialId);
    const controller = new AbortController();
    this.#running.set(credentialId, controller);
    try {
      return await this.#obtain(serviceId, credentialId, config, { ...env, signal: controller.signal });
    } finally {
      if (this.#running.get(credentialId) === controller) this.#running.delete(credentialId);
    }
  }

  /** One credential's flow, or every flow when no id is given. */
  cancel(credentialId?: string): void {
    for (const [id, controller] of [...this.#running]) {
      if (credentialId !== undefined && id !== credentialId) continue;
      controller.abort();
      this.#running.delete(id);
    }
  }

  /** Every flow is cancelled and no device code is shown any more (the vault is locking). */
  stopAll(): void {
    this.cancel();
    this.#devices.clear();
  }

  isRunning(credentialId: string): boolean {
    return this.#running.has(credentialId);
  }

  pendingDevices(): DeviceCodeInfo[] {
    return [...this.#devices.values()];
  }

  async #obtain(serviceId: string, credentialId: string, config: OAuth2Config, env: FlowEnv) {
    // A sign-in replaces the tokens; the old ones must not leak into the new flow.
    const signedOut: OAuth2Config = { ...config };
    delete signedOut.tokens;
    switch (config.grant) {
      case 'authorization_code':
        return authorize(signedOut, {
          ...env,
          opener: this.d.opener,
          onStage: (stage) => this.d.events.emit('oauth.progress', { credentialId, stage }),
        });
      case 'implicit':
        return authorizeImplicit(signedOut, { ...env, opener: this.d.opener });
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
