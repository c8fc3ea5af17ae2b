import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}
export interface TestCertificates {
  /** PEM of the test CA, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  good: KeyPair;
  expired: KeyPair;
  selfSigned: KeyPair;
}

const SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

/** A throwaway CA and three server certificates for localhost, made with openssl at test time. */
export function makeCertificates(dir: string): TestCertificates {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3', '-subj', '/CN=Latch Test CA');
  run('req', ...ec, '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=localhost');
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db/index.txt'), '');
  writeFileSync(join(dir, 'db/serial'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca=c\n[c]\ndatabase=db/index.txt\nnew_certs_dir=db\nserial=db/serial\ndefault_md=sha256\npolicy=p\nx509_extensions=ext\nunique_subject=no\n[p]\ncommonName=supplied\n[ext]\n${SAN}\n`,
  );
  const sign = (out: string, dates: string[]) =>
    run(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'srv.csr',
      '-out',
      out,
      ...dates,
    );
  sign('good.pem', ['-days', '90']);
  sign('expired.pem', ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z']);
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-days',
    '90',
    '-subj',
    '/CN=localhost',
    '-addext',
    SAN,
  );
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    caFile: join(dir, 'ca.pem'),
    good: { key: read('srv.key'), cert: read('good.pem') },
    expired: { key: read('srv.key'), cert: read('expired.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
  };
}
