/**
 * The background revocations of signed-out and deleted credentials: the pure RevocationQueue
 * (core) plus what makes it run in the app: a timer, and the queue kept in the encrypted vault
 * (its jobs hold tokens and client secrets) so a lock or a restart does not forget them.
 */
import type { FieldsOf } from '../../core/model/credential';
import {
  type OAuth2Config,
  type QueuedRevocation,
  RevocationQueue,
  type RevocationResult,
  type TokenTypeHint,
} from '../../core/oauth';
import type { Clock } from '../../core/platform';
import type { VaultSession } from '../../core/vault/session';
import type { JsonValue } from '../../core/vault/types';

export interface RevocationJob {
  config: OAuth2Config;
  token: string;
  hint: TokenTypeHint;
  credentialId: string;
}

export interface RevocationsDeps {
  session: Pick<VaultSession, 'current'>;
  clock: Clock;
  /** One revocation request (logged by the caller); throws when the server refuses for good. */
  revoke: (job: RevocationJob) => Promise<RevocationResult>;
}

/** The pending revocations live in the encrypted vault, never in settings. */
export const REVOCATIONS_RECORD = 'oauth_revocations';
/** Even when the server asks for less, a retry waits this long: a busy server is not hammered. */
const MIN_WAIT_MS = 1000;

export type RevocationOutcome = 'queued' | 'unsupported' | 'nothing';

export function canRevoke(config: OAuth2Config): boolean {
  // GitHub has no RFC 7009 endpoint; without an issuer there is no discovery to find one.
  return config.provider !== 'github' && (config.issuer !== undefined || config.revocationEndpoint !== undefined);
}

export class Revocations {
  readonly #queue: RevocationQueue<RevocationJob>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #persisting: Promise<void> = Promise.resolve();

  constructor(private readonly d: RevocationsDeps) {
    this.#queue = new RevocationQueue<RevocationJob>({
      clock: d.clock,
      revoke: d.revoke,
      onChange: (items) => this.#persist(items),
    });
  }

  /** Jobs waiting to be retried (for tests and diagnostics). */
  get pending(): number {
    return this.#queue.size;
  }

  /** Queues the credential's tokens (refresh token first) and starts sending at once. */
  enqueue(credentialId: string, config: FieldsOf<'oauth2'>): RevocationOutcome {
    const tokens = config.tokens;
    if (!tokens) return 'nothing';
    if (!canRevoke(config)) return 'unsupported';
    const { tokens: _t, ...bare } = config;
    // The refresh token first: revoking it usually ends the whole grant (RFC 7009 §2.1).
    if (tokens.refreshToken)
      this.#queue.enqueue({ config: bare, token: tokens.refreshToken, hint: 'refresh_token', credentialId });
    this.#queue.enqueue({ config: bare, token: tokens.accessToken, hint: 'access_token', credentialId });
    this.pump();
    return 'queued';
  }

  /** After an unlock: takes back what the vault kept and sends what is due. */
  async resume(): Promise<void> {
    const v = this.d.session.current;
    if (v?.entries().has(REVOCATIONS_RECORD)) {
      try {
        const body = (await v.readRecord(REVOCATIONS_RECORD)) as { items?: unknown };
        if (Array.isArray(body.items)) this.#queue.restore(body.items as QueuedRevocation<RevocationJob>[]);
      } catch {
        // A damaged record only means some tokens expire on their own instead of being revoked.
      }
    }
    this.pump();
  }

  /** Before a lock: the jobs wait in the vault, not in memory, until the next unlock. */
  async suspend(): Promise<void> {
    await this.#persisting;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue.restore([]);
  }

  pump(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    void this.#queue
      .runDue()
      .catch(() => [])
      .then(() => {
        const next = this.#queue.nextDueAt();
        if (next === undefined) return;
        const wait = Math.max(MIN_WAIT_MS, next - this.d.clock.now());
        this.#timer = setTimeout(() => this.pump(), Math.min(wait, 2 ** 31 - 1));
        this.#timer.unref?.();
      });
  }

  /** Saves the queue into the vault after each change; while locked the record keeps the last state. */
  #persist(items: QueuedRevocation<RevocationJob>[]): void {
    const v = this.d.session.current;
    if (v === null) return;
    const body = JSON.parse(JSON.stringify({ v: 1, items })) as JsonValue;
    this.#persisting = this.#persisting
      .then(() =>
        // As the vault's only writer: a batch awaiting meanwhile must not roll this record back, nor be saved half-done.
        v.writerTurn(async () => {
          if (this.d.session.current !== v) return;
          if (items.length === 0) {
            if (v.deleteRecord(REVOCATIONS_RECORD)) await v.save();
          } else {
            v.putRecord(REVOCATIONS_RECORD, { pending: items.length }, body);
            await v.save();
          }
        }),
      )
      .catch(() => undefined);
  }
}
