import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { looksRandom, secretShape } from '../../../main/core/io/secret-shape';
import { variableRole } from '../../../main/core/io/variable-role';

const jwt = await new SignJWT({ sub: 'u1' })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .sign(new TextEncoder().encode('a-key-that-is-long-enough-for-hs256'));
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('variableRole: secret or configuration, by name and by value shape', () => {
  it.each([
    // Obvious configuration stays unticked, whatever it is called.
    ['PORT', '8080', 'configuration', 'Known setting'],
    ['NODE_ENV', 'production', 'configuration', 'Known setting'],
    ['HOST', '0.0.0.0', 'configuration', 'Known setting'],
    ['LOG_LEVEL', 'debug', 'configuration', 'Known setting'],
    ['DEBUG', 'app:*', 'configuration', 'Known setting'],
    ['AWS_REGION', 'eu-west-1', 'configuration', 'Known setting'],
    ['REDIS_PORT', '6379', 'configuration', 'Known setting'],
    ['FEATURE_FLAG', 'true', 'configuration', 'On/off switch'],
    ['USE_SECRET_MANAGER', 'false', 'configuration', 'On/off switch'],
    ['API_URL', 'https://api.example.com/v1', 'configuration', 'URL without credentials'],
    ['TOKEN_URL', 'https://login.example.com/oauth/token', 'configuration', 'URL without credentials'],
    ['REDIS_URL', 'redis://localhost:6379/0', 'configuration', 'URL without credentials'],
    ['WORKERS', '4', 'configuration', 'Number'],
    ['TOKEN_TTL', '3600', 'configuration', 'Number'],
    ['JWT_SECRET_FILE', '/run/secrets/jwt', 'configuration', 'File path'],
    ['UPLOAD_DIR', './uploads', 'configuration', 'File path'],
    ['APP_NAME', 'acme-payments', 'configuration', 'Plain value'],
    ['PLAIN_VALUE', 'hello world', 'configuration', 'Plain value'],
    ['MONKEY', 'banana', 'configuration', 'Plain value'],
    ['CLIENT_ID', 'payments-dashboard', 'configuration', 'Plain value'],
    ['PUBLIC_HOSTNAME', 'payments-gateway.eu-west-1.production.example.com', 'configuration', 'Known setting'],
    ['CDN_HOST_ALIAS', 'payments-gateway.eu-west-1.production.example.com', 'configuration', 'Plain value'],
    // Known issuers' keys, whatever the variable is called.
    ['STRIPE_KEY', 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr', 'secret', 'Stripe live secret key'],
    ['X', 'sk_test_51HxYzAbCdEfGhIjKlMnOpQr', 'secret', 'Stripe test secret key'],
    ['STRIPE_RESTRICTED', 'rk_live_51HxYzAbCdEfGhIjKlMnOpQr', 'secret', 'Stripe restricted key'],
    ['GH', 'ghp_1234567890abcdefghijABCDEFGHIJ123456', 'secret', 'GitHub personal access token'],
    ['GH_OAUTH', 'gho_1234567890abcdefghijABCDEFGHIJ123456', 'secret', 'GitHub OAuth token'],
    ['GH_PAT', `github_pat_11ABCDEFG0${'a'.repeat(40)}`, 'secret', 'GitHub fine-grained token'],
    ['SLACK', 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'secret', 'Slack bot token'],
    ['SLACK_USER', 'xoxp-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'secret', 'Slack user token'],
    ['NODE_ENV', 'AKIAIOSFODNN7EXAMPLE', 'secret', 'AWS access key ID'],
    ['TEMP_ID', 'ASIAIOSFODNN7EXAMPLE', 'secret', 'AWS temporary access key ID'],
    ['MAPS', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'secret', 'Google API key'],
    ['GITLAB', 'glpat-abcdefghij1234567890', 'secret', 'GitLab access token'],
    ['NPM', 'npm_abcdefghijklmnopqrstuvwxyz0123456789', 'secret', 'npm access token'],
    ['SESSION', jwt, 'secret', 'JWT'],
    ['SIGNING', PEM, 'secret', 'Private key (PEM)'],
    ['CA_CERT', '-----BEGIN CERTIFICATE-----\\nMIIB', 'secret', 'PEM block'],
    // A URL with a credential in it is one.
    ['DATABASE_URL', 'postgres://u:p@h/db', 'secret', 'URL with a password in it'],
    ['SENTRY_DSN', 'https://0123456789abcdef0123@o1.ingest.sentry.io/1', 'secret', 'URL with a key in it'],
    ['FEED', 'https://api.example.com/feed?api_key=abc', 'secret', 'URL with a token in its query'],
    ['SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/XXXX', 'secret', 'Webhook URL'],
    // Names that say secret, with any value that is not a setting's.
    ['DB_PASSWORD', 'hunter2', 'secret', 'Its name says secret'],
    ['SMTP_PASSWORD', '123456', 'secret', 'Its name says secret'],
    ['WEBHOOK_SECRET', 'line one\nline two', 'secret', 'Its name says secret'],
    ['STRIPE_API_KEY', 'sk_test_51Hsample', 'secret', 'Its name says secret'],
    ['BASIC_AUTH', 'user:pass', 'secret', 'Its name says secret'],
    ['apiKey', 'acme-staging-key-42', 'secret', 'Its name says secret'],
    // A long random value is a secret whatever its name.
    ['SOMETHING', 'f3a9c1e27b4d8e6f0a1b2c3d4e5f6a7b', 'secret', 'Random-looking value'],
    ['OTHER', 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA+/xY==', 'secret', 'Random-looking value'],
  ] as const)('%s=%s is %s (%s)', (name, value, role, why) => {
    expect(variableRole(name, value)).toMatchObject({ role, why });
  });

  it('takes Postman\'s own "secret" type as a secret', () => {
    expect(variableRole('region', 'eu', true)).toMatchObject({ role: 'secret', why: 'Marked secret in Postman' });
    expect(variableRole('region', 'eu', false).role).toBe('configuration');
  });

  it('says where a known key is sent', () => {
    expect(secretShape('ghp_1234567890abcdefghijABCDEFGHIJ123456')?.sendAs).toEqual({
      header: 'Authorization',
      prefix: 'Bearer ',
    });
    expect(secretShape('AIzaSyA1234567890abcdefghijklmnopqrstuv')?.sendAs).toEqual({ query: 'key' });
    expect(secretShape('AKIAIOSFODNN7EXAMPLE')?.sendAs).toBeUndefined();
  });

  it('does not take look-alikes for keys', () => {
    for (const v of ['AKIAN', 'sk_live_', 'ghp_short', 'a.b.c', 'eyJub3QiOiJqc29u.e30.x', 'not.a.jwt']) {
      expect(secretShape(v), v).toBeNull();
    }
    for (const v of ['production-database-primary', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'payments.eu-west-1.example.com']) {
      expect(looksRandom(v), v).toBe(false);
    }
  });
});
