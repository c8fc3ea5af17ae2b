import { MAX_MASTER_PASSWORD_LENGTH } from '../core/model/master-password';

/** A password is at most 1024 characters (4 bytes each in UTF-8): a longer stdin line is refused as it arrives. */
export const MAX_PASSWORD_LINE_BYTES = 4 * MAX_MASTER_PASSWORD_LENGTH;
