import { normaliseVariableName } from './variable-kind';

/** The region and service an imported AWS key pair signs for when the file does not say. */
export const DEFAULT_AWS_REGION = 'us-east-1';
export const DEFAULT_AWS_SERVICE = 's3';

/** One AWS key pair found among the variables: the names it takes and the fields it becomes. */
export interface AwsKeyPair {
  /** The credential's name: "AWS", or "PROD_AWS" for PROD_AWS_ACCESS_KEY_ID. */
  name: string;
  /** The access key ID's variable first, then the secret key's, the session token's, the region's. */
  variables: string[];
  fields: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    region: string;
    service: string;
  };
}

const ACCESS_KEY_ID = /^(.*?)AWS_ACCESS_KEY_ID$/;

/**
 * The AWS key pairs in a set of variables, as the AWS CLI and SDKs read them from the
 * environment: `AWS_ACCESS_KEY_ID` with `AWS_SECRET_ACCESS_KEY`, and `AWS_SESSION_TOKEN` and
 * `AWS_REGION` (or `AWS_DEFAULT_REGION`) when present; also under a common prefix
 * (`PROD_AWS_…`) and in Postman's camelCase (`awsAccessKeyId`). A key ID without its secret
 * is no pair, and stays a variable. Empty values are not here (the caller skipped them).
 */
export function findAwsKeyPairs(values: ReadonlyMap<string, string>): AwsKeyPair[] {
  const byName = new Map<string, string>();
  for (const variable of values.keys()) byName.set(normaliseVariableName(variable), variable);
  const pairs: AwsKeyPair[] = [];
  for (const [normalised, idVariable] of byName) {
    const prefix = ACCESS_KEY_ID.exec(normalised)?.[1];
    if (prefix === undefined) continue;
    const secretVariable = byName.get(`${prefix}AWS_SECRET_ACCESS_KEY`);
    if (secretVariable === undefined) continue;
    const tokenVariable = byName.get(`${prefix}AWS_SESSION_TOKEN`);
    const regionVariable = byName.get(`${prefix}AWS_REGION`) ?? byName.get(`${prefix}AWS_DEFAULT_REGION`);
    // Identifiers are trimmed; secrets are kept exactly as written (model/credential.ts).
    const id = (v: string) => values.get(v)!.trim();
    const secret = (v: string) => values.get(v)!;
    pairs.push({
      name: `${prefix}AWS`,
      variables: [idVariable, secretVariable, tokenVariable, regionVariable].filter((v) => v !== undefined),
      fields: {
        accessKeyId: id(idVariable),
        secretAccessKey: secret(secretVariable),
        ...(tokenVariable !== undefined ? { sessionToken: secret(tokenVariable) } : {}),
        region: regionVariable !== undefined ? id(regionVariable) : DEFAULT_AWS_REGION,
        service: DEFAULT_AWS_SERVICE,
      },
    });
  }
  return pairs;
}
