import { z } from 'zod';

/**
 * A host a credential may be sent to: a name or address with an optional port, as a URL's
 * `host` reads it (lower case, punycode, default port dropped), never a scheme or a path.
 * Returns null when the text is not one host.
 */
export function normalizeHost(text: string): string | null {
  const t = text.trim();
  if (t === '' || /[/?#@\\\s]/.test(t)) return null;
  try {
    const u = new URL(`https://${t}`);
    return u.hostname === '' ? null : u.host;
  } catch {
    return null;
  }
}

export const BoundHost = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const host = normalizeHost(s);
    if (host === null) {
      ctx.addIssue({
        code: 'custom',
        message: `"${s.slice(0, 60)}" is not a host: write it as api.example.com or host:8443`,
      });
      return z.NEVER;
    }
    return host;
  });

/** An origin the user allowed this credential to go to: `https://host[:port]` or `http://host[:port]`. */
export const ApprovedOrigin = z
  .string()
  .max(320)
  .regex(/^https?:\/\/[^/?#@\s]+$/, 'an approved origin is written https://host[:port]');

/** The credential's own list of extra hosts (beside its service's base URL) and the origins approved for it. */
export const HostBindingFields = {
  hosts: z.array(BoundHost).max(50).default([]),
  approvedOrigins: z.array(ApprovedOrigin).max(200).default([]),
};
