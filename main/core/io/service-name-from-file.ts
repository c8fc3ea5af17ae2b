import { basename, dirname, resolve } from 'node:path';

const MAX_NAME = 120;

/**
 * The service an import goes to when none is named: `stripe.env` → "stripe";
 * `myapp/.env` → "myapp"; `myapp/.env.production` → "myapp production";
 * `Acme.postman_environment.json` → "Acme".
 */
export function serviceNameFromFile(path: string): string {
  const file = basename(path);
  const dir = basename(dirname(resolve(path))) || 'Imported';
  let name: string;
  const dotEnv = /^\.env(?:\.(.+))?$/i.exec(file);
  if (dotEnv) name = dotEnv[1] ? `${dir} ${dotEnv[1]}` : dir;
  else {
    name = file
      .replace(/\.postman_environment\.json$/i, '')
      .replace(/\.(env|json|latch|txt)$/i, '')
      .replace(/^\.+/, '');
    if (name.trim() === '') name = dir;
  }
  return name.trim().slice(0, MAX_NAME) || 'Imported';
}
