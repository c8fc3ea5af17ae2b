/**
 * The MFA lab plays the server's side of two-factor sign-in: it mints an enrolment (secret,
 * set-up link, QR code) and checks codes against it with a window, as a server would. It reads
 * nothing from the vault and keeps nothing: the renderer holds the lab's throwaway secret.
 */
import { LatchError } from '../../core/model/errors';
import type { Clock } from '../../core/platform';
import {
  type BackupCodeOptions,
  buildOtpAuthUri,
  type GeneratedBackupCodes,
  generateBackupCodes,
  generateSecret,
  type OtpSpec,
  parseOtpAuthUri,
  qrSvg,
  type VerifyOutcome,
  verifyCode,
} from '../../core/totp';

type Algorithm = OtpSpec['algorithm'];

export interface LabEnrolment {
  issuer: string;
  account: string;
  algorithm: Algorithm;
  digits: number;
  period: number;
}

export interface LabCheck {
  /** A base32 secret, or a set-up link (which wins: it names its own algorithm, digits and period). */
  secret?: string | undefined;
  uri?: string | undefined;
  algorithm: Algorithm;
  digits: number;
  period: number;
  code: string;
  window: number;
}

export class MfaLab {
  constructor(private readonly deps: { clock: Clock }) {}

  async generate({ issuer, account, algorithm, digits, period }: LabEnrolment) {
    const secret = generateSecret(20);
    const uri = buildOtpAuthUri({
      secret,
      algorithm,
      digits,
      period,
      ...(issuer.trim() ? { issuer } : {}),
      // A link needs a label: with neither issuer nor account, authenticator apps show "lab-user".
      account: account.trim() || (issuer.trim() ? '' : 'lab-user'),
    });
    return { secret, uri, svg: await qrSvg(uri) };
  }

  /** A set of recovery codes for the user's own app, with their entropy and how to store them. */
  backupCodes(options: BackupCodeOptions): GeneratedBackupCodes {
    return generateBackupCodes(options);
  }

  verify(check: LabCheck): VerifyOutcome {
    return verifyCode(specOf(check), check.code, { nowMs: this.deps.clock.now(), window: check.window });
  }
}

function specOf({ secret, uri, algorithm, digits, period }: LabCheck): OtpSpec {
  if (uri?.trim()) {
    const { fields } = parseOtpAuthUri(uri.trim());
    const { type, counter } = fields;
    return {
      secret: fields.secret,
      type,
      algorithm: fields.algorithm,
      digits: fields.digits,
      period: fields.period,
      counter,
    };
  }
  if (secret?.trim()) return { secret, type: 'totp', algorithm, digits, period, counter: 0 };
  throw new LatchError('ERR_BAD_INPUT', 'Generate a secret or paste one (or a set-up link) to verify against.', {
    detail: { field: 'secret' },
  });
}
