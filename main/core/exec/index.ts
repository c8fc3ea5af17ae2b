export { checkEnvName, type EnvAssignment, parseEnvAssignment } from './env-assignment';
export { exitCodeOf } from './exit-code';
export { type ResolvedEnv, resolveExecEnv } from './resolve-env';
export { type RunCommandOptions, runCommand } from './run-command';
export { MASK, MIN_MASKED_LENGTH, SecretMasker } from './secret-masker';
