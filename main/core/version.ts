import pkg from '../../package.json' with { type: 'json' };

/** The version stamped on audit reports and written by `latch audit`; the app uses its runtime version. */
export const LATCH_VERSION: string = pkg.version;
