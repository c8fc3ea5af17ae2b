import type { TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function jwtHandlers({ jwt }: HandlerServices): TableOf<'jwt'> {
  return {
    'jwt.decode': ({ token }) => jwt.decode(token),
    'jwt.verify': ({ token, key, issuer, audience }) => jwt.verify(token, key, { issuer, audience }),
    'jwt.sign': (input) => jwt.sign(input),
  };
}
