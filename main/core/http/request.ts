import { z } from 'zod';

/**
 * What the user composes. Lists (not maps) for query and headers: order matters
 * to signers and duplicates are legal HTTP. `enabled: false` rows are kept for the
 * editor but never sent.
 */
export const KeyValue = z.object({ name: z.string(), value: z.string(), enabled: z.boolean().default(true) });
export type KeyValue = z.input<typeof KeyValue>;

export const MultipartFile = z.object({
  name: z.string().min(1),
  filename: z.string().min(1),
  contentType: z.string().default('application/octet-stream'),
  data: z.instanceof(Uint8Array),
});
export type MultipartFile = z.input<typeof MultipartFile>;

export const RequestBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('json'), text: z.string() }),
  z.object({ kind: z.literal('form'), fields: z.array(KeyValue) }),
  z.object({ kind: z.literal('multipart'), fields: z.array(KeyValue), files: z.array(MultipartFile).default([]) }),
  z.object({ kind: z.literal('raw'), text: z.string(), contentType: z.string().default('text/plain; charset=utf-8') }),
]);
export type RequestBody = z.input<typeof RequestBody>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const HttpRequest = z.object({
  method: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'the method must be a word such as GET or POST')
    .transform((m) => m.toUpperCase()),
  url: z.string().min(1, 'the URL is required'),
  query: z.array(KeyValue).default([]),
  headers: z.array(KeyValue).default([]),
  body: RequestBody.default({ kind: 'none' }),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  followRedirects: z.boolean().default(true),
  verifyTls: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  /** Decoded response bytes kept; the rest is not downloaded and the body is marked truncated. */
  maxBodyBytes: z
    .number()
    .int()
    .min(0)
    .default(10 * 1024 * 1024),
});
export type HttpRequestInput = z.input<typeof HttpRequest>;
export type HttpRequest = z.output<typeof HttpRequest>;
