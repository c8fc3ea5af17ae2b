// The built-in commands. A new command is one file in this folder plus one line here.
import { registerCommand } from '../registry';
import { addCommand } from './add';
import { copyCommand } from './copy';
import { execCommand } from './exec';
import { exportCommand } from './export';
import { getCommand } from './get';
import { importCommand } from './import';
import { initCommand } from './init';
import { jwtCommand } from './jwt';
import { listCommand } from './list';
import { lockCommand } from './lock';
import { oauthCommand } from './oauth';
import { passwdCommand } from './passwd';
import { requestCommand } from './request';
import { statusCommand } from './status';
import { tokenCommand } from './token';
import { totpCommand } from './totp';

for (const c of [initCommand, statusCommand, lockCommand, passwdCommand]) registerCommand(c);
registerCommand(copyCommand);
// Services and credentials.
for (const c of [addCommand, listCommand, getCommand, execCommand, importCommand, exportCommand, totpCommand])
  registerCommand(c);
registerCommand(requestCommand);
// OAuth 2.0 and JWT.
for (const c of [oauthCommand, tokenCommand, jwtCommand]) registerCommand(c);
