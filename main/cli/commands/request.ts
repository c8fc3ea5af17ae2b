import { decideHost, flagConsent } from '../../app/secrets/host-decision';
import {
  createHttpEngine,
  createMasker,
  type HttpResponse,
  maskBody,
  maskHeaders,
  type RequestAuth,
} from '../../core/http';
import { readCappedFile } from '../../core/io/read-capped';
import { createPoliteGate, LimitRecords, politeSend } from '../../core/limits';
import { withServiceHeaders } from '../../core/model/default-headers';
import { systemClock } from '../../core/platform';
import { assertResolved, curlBody, MAX_UPLOAD_BYTES, resolveRequestUrl } from '../../core/requests';
import { allowedHosts, allowHostOption } from '../allow-host';
import { EXIT } from '../exit-codes';
import { parseHeaderArgs } from '../header-args';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { withSession } from '../with-store';

/** `--fail` and a status of 400 or more: the same code curl uses, so scripts can treat both alike. */
export const EXIT_HTTP_FAIL = EXIT.HTTP_FAIL;

/** Prints the response with every echo of a secret that went out masked, as the app shows it. */
function printResponse(ctx: CliContext, response: HttpResponse): void {
  const m = createMasker(response.secretValues);
  const r = { ...response, headers: maskHeaders(response.headers, m), body: maskBody(response.body, m) };
  if (ctx.json) {
    ctx.output(
      {
        status: r.status,
        statusText: r.statusText,
        httpVersion: r.httpVersion,
        url: r.url,
        headers: r.headers,
        body: r.body,
        truncated: r.truncated,
        timing: r.timing,
        attempts: r.attempts,
        redirects: r.redirects,
        sent: r.sentRedacted,
        masked: m.count,
      },
      '',
    );
    return;
  }
  const out = ctx.io.stdout;
  out.write(`HTTP/${r.httpVersion} ${r.status} ${r.statusText}\n`);
  for (const h of r.headers) out.write(`${h.name}: ${h.value}\n`);
  out.write('\n');
  if (r.body.kind === 'text') out.write(r.body.text.endsWith('\n') ? r.body.text : `${r.body.text}\n`);
  else if (r.body.kind === 'base64') out.write(Buffer.from(r.body.base64, 'base64'));
  if (r.retryNote) ctx.note(r.retryNote);
  if (m.count > 0) ctx.note(`The server echoed a secret that was sent: ${m.count} place(s) masked as [redacted].`);
}

export const requestCommand: CliCommand = {
  name: 'request',
  usage:
    "latch request REF METHOD URL [-H 'Name: value']... [-d BODY | -F name=value|name=@file[;type=T]...] [--allow-host HOST]... [--retry N] [--fail] [-v] [--json]",
  positionals: { min: 3, max: 3 },
  options: {
    header: {
      type: 'string',
      short: 'H',
      multiple: true,
      help: 'add a header "Name: value", replacing a service default of that name; "Name:" sends none (drops the default), "Name;" sends it empty (repeatable)',
    },
    data: {
      type: 'string',
      short: 'd',
      help: 'request body: JSON when it parses as JSON, a form when it reads name=value&..., else raw text',
    },
    form: {
      type: 'string',
      short: 'F',
      multiple: true,
      help: 'a multipart/form-data field name=value, or a file name=@path[;type=T][;filename=F] (repeatable)',
    },
    retry: { type: 'string', help: 'retry up to N times on 429, 503, other 5xx and connection errors' },
    fail: { type: 'boolean', help: 'exit 22 when the status is 400 or more' },
    verbose: { type: 'boolean', short: 'v', help: 'say when the request waits for a rate limit or a Retry-After' },
    timeout: { type: 'string', help: 'seconds for the whole attempt (default 30)' },
    insecure: { type: 'boolean', short: 'k', help: 'do not verify the TLS certificate' },
    'allow-host': allowHostOption,
  },
  async run(ctx) {
    const [reference, method, url] = ctx.positionals as [string, string, string];
    const headerArgs = ctx.values.header;
    const parsed = parseHeaderArgs(Array.isArray(headerArgs) ? (headerArgs as string[]) : []);
    let headers = parsed.headers;
    const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
    if (contentType !== undefined && typeof ctx.values.data === 'string')
      headers = headers.filter((h) => h.name.toLowerCase() !== 'content-type');
    const retries = ctx.values.retry === undefined ? 0 : Number(ctx.values.retry);
    if (!Number.isInteger(retries) || retries < 0 || retries > 9)
      throw usageError('--retry takes a number from 0 to 9.');
    const timeout = ctx.values.timeout === undefined ? 30 : Number(ctx.values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600)
      throw usageError('--timeout takes seconds, from 0.001 to 600.');

    const allowHosts = allowedHosts(ctx.values['allow-host']);
    const forms = Array.isArray(ctx.values.form) ? (ctx.values.form as string[]) : [];
    // Only the paths the user wrote after -F name=@ are read, each a regular file within the bound.
    const body = await curlBody(
      typeof ctx.values.data === 'string' ? ctx.values.data : undefined,
      forms,
      contentType,
      (path) => readCappedFile(path, MAX_UPLOAD_BYTES, { what: `the file to upload ${path}`, regularOnly: true }),
    );

    return withSession(ctx, async ({ vault, credentials, accessTokens }) => {
      const located = await credentials.resolve(reference);
      // OAuth tokens come fresh through the app's AccessTokens, by the same refresh rule as the app.
      const engine = createHttpEngine({
        clock: systemClock,
        getAccessToken: accessTokens.forEngine(() => located.serviceId),
      });
      // Shared through the vault: a loop of `latch request` processes keeps to the limit as one client would.
      const gate = createPoliteGate({ records: () => new LimitRecords(vault), clock: systemClock, shareSends: true });
      const absolute = resolveRequestUrl(url, located.service.baseUrl);
      // A path left a path had no base URL to go under: said as the app says it, not as a bad URL.
      assertResolved(absolute, true);
      // Host binding, the app's one decision: nothing goes to a host the credential is not bound to.
      decideHost(located, absolute, flagConsent(allowHosts));
      try {
        const response = await politeSend(
          engine,
          gate,
          { serviceId: located.serviceId, credentialId: located.credential.id, url: absolute },
          {
            method,
            url: absolute,
            // The service's default headers, by the same rule as the app's request tester.
            headers: withServiceHeaders({ headers, serviceHeaders: parsed.off }, located.service.headers ?? []).headers,
            body,
            timeoutMs: Math.round(timeout * 1000),
            verifyTls: ctx.values.insecure !== true,
          },
          {
            auth: located.credential as RequestAuth,
            retry: { maxAttempts: retries + 1 },
            onAttempt: (a) => {
              if (a.attempt > 1) ctx.note(`Attempt ${a.attempt}: ${a.reason} → ${a.outcome}`);
            },
            onWait: (ms, why) => {
              if (ctx.values.verbose === true)
                ctx.note(`Waiting ${(ms / 1000).toFixed(1)} s for ${why ?? 'the rate limit'}.`);
            },
          },
        );
        printResponse(ctx, response);
        return ctx.values.fail === true && response.status >= 400 ? EXIT_HTTP_FAIL : 0;
      } finally {
        engine.close();
      }
    });
  },
};
