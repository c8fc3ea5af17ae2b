import { randomBytes } from 'node:crypto';

/** Record and credential ids in the same shape the service store makes them. */
export const newRecordId = (prefix: string): string => `${prefix}${randomBytes(9).toString('base64url')}`;
