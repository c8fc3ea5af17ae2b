/**
 * The provider presets as the "new OAuth client" form shows them: what to fill in and where to
 * get it, and whether the provider offers discovery and the device flow. Endpoints stay in core:
 * the form never needs them, since main fills them in when the client is created.
 */
import { PROVIDER_PRESETS } from '../../core/oauth';

export const OAUTH_PRESETS = PROVIDER_PRESETS.map((p) => ({
  id: p.id,
  label: p.label,
  params: p.params.map((q) => ({ name: q.name, label: q.label, example: q.example })),
  scopes: p.scopes,
  clientAuth: p.clientAuth,
  consoleUrl: p.consoleUrl,
  notes: p.notes,
  discovery: p.issuer !== undefined,
  deviceFlow: p.deviceAuthorizationEndpoint !== undefined || p.issuer !== undefined,
}));
