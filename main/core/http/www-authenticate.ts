/** One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  scheme: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;
const PARAM_START = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*/;
const TOKEN68 = /^([A-Za-z0-9\-._~+/]+=*)(?=[ \t]*(,|$))/;

/**
 * Parses header values into challenges. Commas separate both challenges and
 * parameters, so a challenge starts wherever a token is not followed by "=".
 */
export function parseWwwAuthenticate(values: string | readonly string[]): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  for (const raw of typeof values === 'string' ? [values] : values) {
    let s = raw;
    const skip = (re: RegExp) => {
      s = s.replace(re, '');
    };
    while (true) {
      skip(/^[\s,]+/);
      const scheme = TOKEN.exec(s)?.[0];
      if (!scheme) break;
      s = s.slice(scheme.length);
      const challenge: AuthChallenge = { scheme, params: {} };
      out.push(challenge);
      skip(/^[ \t]+/);
      const t68 = TOKEN68.exec(s);
      if (t68?.[1]) {
        challenge.token68 = t68[1];
        s = s.slice(t68[1].length);
        continue;
      }
      while (true) {
        const m = PARAM_START.exec(s);
        if (!m?.[1]) break;
        s = s.slice(m[0].length);
        let value = '';
        if (s.startsWith('"')) {
          let i = 1;
          while (i < s.length && s[i] !== '"') {
            if (s[i] === '\\' && i + 1 < s.length) i++;
            value += s[i];
            i++;
          }
          s = s.slice(i + 1);
        } else {
          value = /^[^,\s]*/.exec(s)?.[0] ?? '';
          s = s.slice(value.length);
        }
        challenge.params[m[1].toLowerCase()] = value;
        skip(/^[ \t]*/);
        if (!s.startsWith(',')) break;
        // A comma then "name=" continues this challenge; anything else starts the next one.
        const afterComma = s.replace(/^[\s,]+/, '');
        if (!PARAM_START.test(afterComma)) break;
        s = afterComma;
      }
    }
  }
  return out;
}
