import { z } from 'zod';
import { RateLimit, RateLimitState } from '../../main/core/model/rate-limit';
import { channel } from '../define';

const Id = z.string().min(1).max(64);

export const limitsChannels = {
  /** The limits set on a service's credentials and the Retry-After answers being honoured. */
  'limits.get': channel({
    input: z.object({ serviceId: Id }).strict(),
    output: RateLimitState,
  }),
  /** credentialId absent: the whole service. limit null: no limit. */
  'limits.set': channel({
    input: z.object({ serviceId: Id, credentialId: Id.optional(), limit: RateLimit.nullable() }).strict(),
    output: RateLimitState,
  }),
  /** Forgets the service's remembered Retry-After answers (the user decides to send anyway). */
  'limits.clearBlocks': channel({
    input: z.object({ serviceId: Id }).strict(),
    output: RateLimitState,
  }),
} as const;

export const limitsEvents = {
  /** A request waits before it is sent: the tester says "waiting 0.6 s for the rate limit". */
  'limits.waiting': z.object({ requestId: z.string(), waitMs: z.number(), reason: z.string().nullable() }),
  /** A service's limits or remembered Retry-After answers changed. */
  'limits.changed': z.object({ serviceId: z.string() }),
} as const;
