import { createHash, generateKeyPairSync } from 'node:crypto';

export interface ServiceAccountFile {
  /** The file as the Google Cloud console downloads it (two-space JSON, the key's newlines escaped). */
  text: string;
  json: Record<string, unknown> & { private_key_id: string; client_email: string };
  /** SPKI PEM, for an independent verifier. */
  publicKey: string;
  privateKey: string;
  /** The base64 body of the private key with its PEM lines joined: what must never be shown. */
  privateKeyBody: string;
}

/**
 * A service-account key file with a freshly generated RSA key, in the shape and field order of
 * the files the Google Cloud console (IAM → Service accounts → Keys → Add key → JSON) and the
 * Firebase console (Project settings → Service accounts → Generate new private key) download.
 */
export function serviceAccountFile(
  o: { projectId?: string; account?: string; bits?: number; overrides?: Record<string, unknown> } = {},
): ServiceAccountFile {
  const projectId = o.projectId ?? 'latch-test-413209';
  const account = o.account ?? 'firebase-adminsdk-fbsvc';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: o.bits ?? 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const email = `${account}@${projectId}.iam.gserviceaccount.com`;
  const json = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: createHash('sha1').update(publicKey).digest('hex'),
    private_key: privateKey,
    client_email: email,
    client_id: '104857321994768503712',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
    universe_domain: 'googleapis.com',
    ...o.overrides,
  };
  return {
    text: `${JSON.stringify(json, null, 2)}\n`,
    json,
    publicKey,
    privateKey,
    privateKeyBody: privateKey.replace(/-----[A-Z ]+-----|\s/g, ''),
  };
}
