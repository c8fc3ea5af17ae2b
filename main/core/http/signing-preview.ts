import type { FieldsOf } from '../model/credential';
import type { Clock } from '../platform';
import { previewSigning, type SigningPreview } from './auth/hmac';
import { HttpRequest, type HttpRequestInput } from './request';
import { buildWireRequest } from './wire';

/** The recipe editor's preview for a composed request: what would be signed, with no secret involved. */
export function previewRecipeSigning(
  input: HttpRequestInput,
  f: Pick<FieldsOf<'hmac'>, 'preset' | 'recipe' | 'keyId'>,
  clock: Clock,
): SigningPreview {
  return previewSigning(buildWireRequest(HttpRequest.parse(input)), f, clock);
}
