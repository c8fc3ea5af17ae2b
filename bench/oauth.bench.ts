/**
 * The full authorization code + PKCE flow against a local oidc-provider, consent automated by a
 * plain HTTP client that follows the dev login and consent forms (so the figure is Latch and the
 * provider, not a browser's rendering).
 *
 *   oauth_full_flow            discovery → listener → authorization URL → login/consent →
 *                              callback → code exchange → JWKS → ID token checks → TokenSet
 *   oauth_callback_to_tokens   callback arriving at the listener → TokenSet returned (target < 50 ms)
 *
 * Medians over RUNS flows after one warm-up, with a shared DiscoveryCache as the app uses;
 * the *_cold lines are the first flow (no cached metadata or JWKS).
 */
import { OAuth2Fields } from '../main/core/model/credential';
import { authorize, DiscoveryCache } from '../main/core/oauth';
import { completeDevInteractions, nativeClient, startOidcProvider } from '../test/peers/oidc-provider';

const RUNS = 10;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 0 ? ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2 : (s[mid] ?? 0);
}

const peer = await startOidcProvider({ clients: [nativeClient('bench-app')] });
try {
  const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'bench-app', scopes: 'openid offline_access' });
  const cache = new DiscoveryCache();

  async function once(): Promise<{ full: number; callbackToTokens: number }> {
    let callbackAt = 0;
    const start = performance.now();
    const tokens = await authorize(config, {
      discoveryCache: cache,
      onStage: (stage) => {
        if (stage === 'callback-received') callbackAt = performance.now();
      },
      opener: {
        open: async (url) => {
          void completeDevInteractions(url).then((callback) => fetch(callback).then((r) => r.arrayBuffer()));
        },
      },
    });
    const end = performance.now();
    if (!tokens.idToken) throw new Error('no ID token');
    return { full: end - start, callbackToTokens: end - callbackAt };
  }

  const cold = await once();
  const full: number[] = [];
  const exchange: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await once();
    full.push(r.full);
    exchange.push(r.callbackToTokens);
  }
  console.log(`oauth_full_flow: ${median(full).toFixed(1)} ms`);
  console.log(`oauth_callback_to_tokens: ${median(exchange).toFixed(1)} ms`);
  console.log(`oauth_full_flow_cold: ${cold.full.toFixed(1)} ms`);
  console.log(`oauth_callback_to_tokens_cold: ${cold.callbackToTokens.toFixed(1)} ms`);
} finally {
  await peer.stop();
}
