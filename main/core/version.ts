import pkg from '../../package.json';

/** The version stamped on audit reports and shown by `latch --version`. */
export const LATCH_VERSION: string = pkg.version;
