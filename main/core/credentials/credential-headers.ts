/**
 * The header names a credential writes when it signs a request. A service's default header of one of
 * these names would hold the credential's value in clear (or, for a recipe's timestamp, be taken as
 * the user's own and signed), so the store refuses it (model/default-headers.ts has the names every
 * service refuses).
 */
import type { Credential } from '../model/credential';
import { effectiveRecipeText, parseRecipe } from '../model/signing-recipe';

const AWS_HEADERS = ['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256'];

function recipeHeaders(fields: { preset?: Parameters<typeof effectiveRecipeText>[0]['preset']; recipe: string }) {
  try {
    const r = parseRecipe(effectiveRecipeText(fields));
    return [r.signature, r.timestamp, r.nonce, r.keyId].flatMap((p) => (p?.in === 'header' ? [p.name] : []));
  } catch {
    // A recipe that does not parse signs nothing; the credential's own check reports it.
    return [];
  }
}

export function credentialHeaderNames(c: Credential): string[] {
  switch (c.kind) {
    case 'api-key':
      return c.fields.header === undefined ? [] : [c.fields.header];
    case 'basic':
    case 'digest':
    case 'bearer':
    case 'oauth2':
    case 'jwt-signer':
      return ['Authorization'];
    case 'hmac':
      return recipeHeaders(c.fields);
    case 'aws-sigv4':
      return AWS_HEADERS;
    case 'totp':
    case 'secret':
      return [];
  }
}
