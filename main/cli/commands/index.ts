// The built-in commands. A new command is one file in this folder plus one line here.
import { registerCommand } from '../registry';
import { initCommand } from './init';
import { lockCommand } from './lock';
import { passwdCommand } from './passwd';
import { statusCommand } from './status';

for (const c of [initCommand, statusCommand, lockCommand, passwdCommand]) registerCommand(c);
