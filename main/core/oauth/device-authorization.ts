/**
 * The device authorization grant (RFC 8628). startDeviceAuthorization() returns what the UI or
 * CLI shows (user code, verification URI); poll() then asks the token endpoint at the server's
 * interval, adds 5 s after each slow_down (§3.5), and stops on access_denied or expired_token.
 */
import { setTimeout as delay } from 'node:timers/promises';
import * as oauth from 'oauth4webapi';
import type { TokenSet } from '../model/credential';
import type { LatchError } from '../model/errors';
import { systemClock } from '../platform';
import { type ResolveOptions, requireEndpoint, resolveAuthorizationServer } from './authorization-server';
import { clientAuthentication, oauthClient } from './client-authentication';
import { protocolError, toLatchError } from './errors';
import { extraRequestParams } from './extra-params';
import { quirkOf, requestOptions } from './http-options';
import { verifyIdTokenSignature } from './id-token';
import type { OAuth2Config } from './oauth-context';
import { toTokenSet } from './token-set';

/** Injectable so tests do not wait real seconds. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : {});

export interface DeviceAuthorizationOptions extends ResolveOptions {
  sleep?: Sleep;
  extraParams?: Record<string, string>;
}

export interface DeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Unix milliseconds after which the codes are dead. */
  expiresAt: number;
  /** Current polling interval; grows by 5 s on each slow_down. */
  intervalMs: number;
  /** Resolves with the tokens once the user approves; rejects ERR_OAUTH (detail.error access_denied / expired_token), ERR_CANCELLED. */
  poll(): Promise<TokenSet>;
}

/** RFC 8628 §3.2: 5 seconds when the server names no interval. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;

function expired(): LatchError {
  return protocolError('The device sign-in', 'expired_token');
}

export async function startDeviceAuthorization(
  config: OAuth2Config,
  options: DeviceAuthorizationOptions = {},
): Promise<DeviceAuthorization> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const as = await resolveAuthorizationServer(config, options);
  requireEndpoint(as, 'device_authorization_endpoint', 'device authorization endpoint');
  requireEndpoint(as, 'token_endpoint', 'token endpoint');
  const client = oauthClient(config, clock);
  const clientAuth = await clientAuthentication(config);
  const http = requestOptions(options, quirkOf(config));
  const params = new URLSearchParams({ ...extraRequestParams(config), ...options.extraParams });
  if (config.scopes.trim() !== '') params.set('scope', config.scopes.trim().split(/\s+/).join(' '));

  let started: oauth.DeviceAuthorizationResponse;
  try {
    const response = await oauth.deviceAuthorizationRequest(as, client, clientAuth, params, http);
    started = await oauth.processDeviceAuthorizationResponse(as, client, response);
  } catch (e) {
    throw toLatchError(e, 'Starting the device sign-in');
  }

  const state: DeviceAuthorization = {
    userCode: started.user_code,
    verificationUri: started.verification_uri,
    ...(started.verification_uri_complete ? { verificationUriComplete: started.verification_uri_complete } : {}),
    expiresAt: clock.now() + started.expires_in * 1000,
    intervalMs: (started.interval ?? DEFAULT_INTERVAL_S) * 1000,
    poll: async () => {
      const what = 'The device sign-in';
      for (;;) {
        if (clock.now() >= state.expiresAt) throw expired();
        try {
          await sleep(state.intervalMs, options.signal);
        } catch (e) {
          throw toLatchError(e, what);
        }
        if (clock.now() >= state.expiresAt) throw expired();
        let response: Response;
        try {
          response = await oauth.deviceCodeGrantRequest(as, client, clientAuth, started.device_code, http);
          const body = await oauth.processDeviceCodeResponse(as, client, response);
          if (body.id_token !== undefined) await verifyIdTokenSignature(as, response, http);
          return toTokenSet(body, clock.now());
        } catch (e) {
          if (e instanceof oauth.ResponseBodyError) {
            if (e.error === 'authorization_pending') continue;
            if (e.error === 'slow_down') {
              state.intervalMs += SLOW_DOWN_S * 1000;
              continue;
            }
          }
          throw toLatchError(e, what);
        }
      }
    },
  };
  return state;
}
