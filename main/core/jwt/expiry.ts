import { decodeJwt } from './decode';

/**
 * When a bearer token expires, if it is a JWT with a numeric "exp".
 * Opaque tokens and unreadable JWTs give null: the caller cannot know.
 */
export function jwtExpiry(token: string): number | null {
  try {
    return decodeJwt(token).expiresAt;
  } catch {
    return null;
  }
}
