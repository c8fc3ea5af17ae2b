/**
 * The app's AuditService takes the request tester's host decision: a stored credential goes to a
 * host it is not bound to only after the user's yes (the prompt's `requests.approveHost`, kept with
 * the credential), and on the command line only to a host named with --allow-host. A capture
 * server on loopback stands for the other host: it must see nothing until then.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { AuditService } from '../../../main/app/audit/audit-service';
import type { Confirmation } from '../../../main/app/confirmation';
import { flagConsent } from '../../../main/app/secrets/host-decision';
import { isLatchError } from '../../../main/core/model/errors';
import { systemClock } from '../../../main/core/platform';
import type { ScriptedServer } from '../../peers/scripted-server';
import { type BearerFixture, bearerFixture } from '../../support/bearer-fixture';

const TOKEN = 'audit-bound-token-5c4b3a2918';
let fixture: BearerFixture;
let app: AppServices;
let server: ScriptedServer;
let serviceId: string;
let credentialId: string;
/** The user's answer to main's question (requests.approveHost asks it). */
let userSays = true;
const asked: Confirmation[] = [];

beforeAll(async () => {
  fixture = await bearerFixture({
    prefix: 'latch-audit-hosts-',
    token: TOKEN,
    service: 'Ex',
    credential: 't',
    baseUrl: 'https://api.example.com',
    overrides: {
      confirmer: {
        confirm: async (question) => {
          asked.push(question);
          return userSays;
        },
      },
    },
  });
  ({ app, server, serviceId, credentialId } = fixture);
}, 60_000);

afterAll(() => fixture.close());

beforeEach(() => {
  server.seen.length = 0;
});

const run = (audit: AuditService = app.audit) =>
  audit.check({ url: `${server.url}/x`, serviceId, credentialId, maxRequests: 5, rateProbe: false });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (isLatchError(e) ? { code: e.code, detail: e.detail, message: e.message } : { code: 'other' }),
  );
const authorizations = () => server.seen.map((s) => s.headers.authorization);

describe('the audit takes the host decision of the request tester', () => {
  it('refuses a host the credential is not bound to, naming it; the server receives nothing', async () => {
    const host = `127.0.0.1:${server.port}`;
    const refused = await refusal(run());
    expect(refused).toMatchObject({ code: 'ERR_HOST_NOT_ALLOWED', detail: { host, reason: 'unbound-host' } });
    expect(refused?.message).toContain(host);
    expect(refused?.message).not.toContain(TOKEN);
    expect(server.seen).toEqual([]);
  });

  it('an audit without a credential needs no yes: nothing of the vault goes with it', async () => {
    const r = await app.audit.check({ url: `${server.url}/x`, maxRequests: 2, rateProbe: false });
    expect(r.requestsSent).toBeGreaterThan(0);
    expect(authorizations().every((a) => a === undefined)).toBe(true);
  });

  it('the command line sends only to a host named with --allow-host, for that run', async () => {
    const session = { vault: app.vault, credentials: app.credentials, accessTokens: app.accessTokens };
    const elsewhere = new AuditService({ clock: systemClock, session, hostConsent: flagConsent(['other.example']) });
    expect(await refusal(run(elsewhere))).toMatchObject({ code: 'ERR_HOST_NOT_ALLOWED' });
    expect(server.seen).toEqual([]);
    const allowed = new AuditService({
      clock: systemClock,
      session,
      hostConsent: flagConsent([`127.0.0.1:${server.port}`]),
    });
    await run(allowed);
    expect(authorizations()).toContain(`Bearer ${TOKEN}`);
  });

  it("the page's yes is not enough: main asks, naming the origin, and a no remembers nothing", async () => {
    userSays = false;
    expect(await refusal(app.requests.approveHost(serviceId, credentialId, server.url))).toMatchObject({
      code: 'ERR_CANCELLED',
    });
    expect(asked.at(-1)).toMatchObject({ title: `Send Ex / t to ${server.url}?`, confirmLabel: 'Send to this host' });
    expect(await refusal(run())).toMatchObject({ code: 'ERR_HOST_NOT_ALLOWED' });
    expect(server.seen).toEqual([]);
    userSays = true;
  });

  it("after the prompt's yes and main's (kept with the credential) the audit sends it there", async () => {
    await app.requests.approveHost(serviceId, credentialId, server.url);
    // Already approved: not asked again.
    const questions = asked.length;
    await app.requests.approveHost(serviceId, credentialId, server.url);
    expect(asked).toHaveLength(questions);
    const report = await run();
    expect(authorizations()).toContain(`Bearer ${TOKEN}`);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    await app.credentials.forgetHost(serviceId, credentialId, server.url);
    expect(await refusal(run())).toMatchObject({ code: 'ERR_HOST_NOT_ALLOWED' });
  });
});
