import { mergeRedaction, setHeader, type WireRequest } from '../wire';

/** Authorization: Bearer <token>; the token is hidden in the redacted copy, the scheme stays visible. */
export function applyBearerToken(req: WireRequest, token: string, scheme = 'Bearer'): WireRequest {
  return {
    ...req,
    headers: setHeader(req.headers, 'Authorization', `${scheme} ${token}`),
    redaction: mergeRedaction(req.redaction, { values: [token] }),
  };
}
