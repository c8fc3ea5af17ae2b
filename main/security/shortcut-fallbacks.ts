/**
 * Accelerators to offer when the OS refuses the quick-access shortcut (another app holds
 * it, or the desktop reserves it). Ordered by how rarely each is taken on that platform;
 * Super-based ones are left out on Linux and Windows because the desktop usually owns them.
 */
export function shortcutFallbacks(platform: NodeJS.Platform, refused?: string): string[] {
  const list =
    platform === 'darwin'
      ? ['Command+Shift+L', 'Command+Option+L', 'Control+Option+Space', 'Command+Shift+Semicolon', 'Control+Shift+L']
      : platform === 'win32'
        ? ['Control+Shift+L', 'Control+Alt+L', 'Control+Shift+Semicolon', 'Control+Alt+Space', 'Alt+Shift+L']
        : ['Control+Shift+L', 'Control+Alt+Space', 'Control+Shift+Semicolon', 'Control+Alt+K', 'Alt+Shift+L'];
  const norm = (s: string) =>
    s.toLowerCase().replace('commandorcontrol', platform === 'darwin' ? 'command' : 'control');
  return list.filter((s) => refused === undefined || norm(s) !== norm(refused));
}
