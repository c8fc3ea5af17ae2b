// Child process for the crash test: opens the vault, changes a record, saves, and stops dead at one
// save step (announcing it on stdout) so the parent can SIGKILL it there.
import { openVault, type SaveStep } from '../../../main/core/vault';

const [path, password, stopAt] = process.argv.slice(2) as [string, string, SaveStep];
const vault = await openVault({
  path,
  password,
  onSaveStep: async (step) => {
    if (step === stopAt) {
      process.stdout.write(`at:${step}\n`);
      // Stop here until the parent's SIGKILL. A bare never-settling promise holds no handle: Node
      // would exit on its own (an unsettled top-level await) and race the kill. A timer keeps it alive.
      await new Promise(() => setInterval(() => undefined, 60_000));
    }
  },
});
vault.putRecord('crash', { name: 'written by the killed save' }, { secret: 'new' });
await vault.save();
process.stdout.write('done\n');
