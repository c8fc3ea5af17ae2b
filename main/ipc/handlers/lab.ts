import { LatchError } from '../../core/model/errors';
import { buildOtpAuthUri, generateSecret, type OtpSpec, parseOtpAuthUri, qrSvg, verifyCode } from '../../core/totp';
import type { TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

/** The MFA lab plays the server's side of two-factor sign-in; it reads nothing from the vault. */
export function labHandlers({ clock }: HandlerServices): TableOf<'lab'> {
  return {
    'lab.generate': async ({ issuer, account, algorithm, digits, period }) => {
      const secret = generateSecret(20);
      const uri = buildOtpAuthUri({
        secret,
        algorithm,
        digits,
        period,
        ...(issuer.trim() ? { issuer } : {}),
        account: account.trim() || (issuer.trim() ? '' : 'lab-user'),
      });
      return { secret, uri, svg: await qrSvg(uri) };
    },
    'lab.verify': ({ secret, uri, algorithm, digits, period, code, window }) => {
      let spec: OtpSpec;
      if (uri?.trim()) {
        const f = parseOtpAuthUri(uri.trim()).fields;
        spec = {
          secret: f.secret,
          type: f.type,
          algorithm: f.algorithm,
          digits: f.digits,
          period: f.period,
          counter: f.counter,
        };
      } else if (secret?.trim()) {
        spec = { secret, type: 'totp', algorithm, digits, period, counter: 0 };
      } else {
        throw new LatchError('ERR_BAD_INPUT', 'Generate a secret or paste one (or a set-up link) to verify against.', {
          detail: { field: 'secret' },
        });
      }
      return verifyCode(spec, code, { nowMs: clock.now(), window });
    },
  };
}
