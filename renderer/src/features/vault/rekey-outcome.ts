import type { ChannelOutput } from '../../../../preload/contract';

type PasswordChange = ChannelOutput<'vault.changePassword'>;

/** What the user is told after a password change: every consequence of a re-key, in words. */
export function passwordChangeMessage(change: PasswordChange): { text: string; tone: 'success' | 'warning' } {
  const r = change.rekey;
  if (r === null) return { text: 'Master password changed.', tone: 'success' };
  const parts = [`Master password changed and vault re-keyed: ${r.records} record(s) re-encrypted.`];
  const n = r.changed.length;
  if (n > 0) parts.push(`${n} backup(s) ${r.backups === 'delete' ? 'deleted' : 're-keyed'}.`);
  if (r.agentStopped) parts.push('The command-line unlock agent forgot the old key.');
  if (r.quickUnlock === 're-enrolled') parts.push('Quick unlock now uses a new key.');
  if (r.quickUnlock === 'off')
    parts.push('Quick unlock was turned off (the keychain could not be reached); turn it on again here.');
  if (r.leftBehind.length > 0) parts.push(`Still under the old key, delete them yourself: ${r.leftBehind.join(', ')}.`);
  return { text: parts.join(' '), tone: r.leftBehind.length > 0 || r.quickUnlock === 'off' ? 'warning' : 'success' };
}
