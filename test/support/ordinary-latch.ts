// `node --import tsx test/support/ordinary-latch.ts ARGS`: `latch ARGS` through the command framework (start.ts,
// runCli) whatever the arguments, as the entry runs every command it has no fast path for; what a fast path
// (main/cli/quick-totp.ts) must answer as.
import { startLatch } from '../../main/cli/start';

await startLatch(undefined);
