import { z } from 'zod';

/** At most `requests` sends in any window of `perSeconds` seconds. */
export const RateLimit = z.object({
  requests: z.number().int().min(1).max(100),
  perSeconds: z.number().int().min(1).max(3600),
});
export type RateLimit = z.infer<typeof RateLimit>;

/** The seed's three levels; anything else is "custom". */
export const RATE_PRESETS = {
  anonymous: { requests: 1, perSeconds: 10 },
  standard: { requests: 1, perSeconds: 1 },
  premium: { requests: 10, perSeconds: 1 },
} as const satisfies Record<string, RateLimit>;
export type RatePreset = keyof typeof RATE_PRESETS | 'custom';

export function presetOf(limit: RateLimit): RatePreset {
  for (const [name, p] of Object.entries(RATE_PRESETS))
    if (p.requests === limit.requests && p.perSeconds === limit.perSeconds) return name as RatePreset;
  return 'custom';
}

/** A Retry-After being honoured: no request to `endpoint` with this credential before `until`. */
export const RateBlock = z.object({
  credentialId: z.string().nullable(),
  /** Origin and path, without the query. */
  endpoint: z.string(),
  /** Unix ms. */
  until: z.number(),
});
export type RateBlock = z.infer<typeof RateBlock>;

/** What the service page shows: the limits set (credentialId null: the whole service) and the blocks in force. */
export const RateLimitState = z.object({
  limits: z.array(z.object({ credentialId: z.string().nullable(), limit: RateLimit })),
  blocked: z.array(RateBlock),
});
export type RateLimitState = z.infer<typeof RateLimitState>;
