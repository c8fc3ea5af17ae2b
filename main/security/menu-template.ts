import type { MenuItemConstructorOptions } from 'electron';

export interface MenuCommands {
  lockNow(): void;
  openQuickAccess(): void;
  openSettings(): void;
  openAbout(): void;
  openDocs(): void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  locked: boolean;
  commands: MenuCommands;
}

/**
 * The application menu. A pure function of its inputs so it is unit-tested without
 * Electron: macOS gets the app menu first; the View menu has reload and DevTools only
 * in development builds.
 */
export function applicationMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { commands } = input;
  const isMac = input.platform === 'darwin';
  const vaultMenu: MenuItemConstructorOptions = {
    label: 'Vault',
    submenu: [
      {
        label: 'Lock Now',
        accelerator: 'CommandOrControl+Shift+K',
        enabled: !input.locked,
        click: () => commands.lockNow(),
      },
      { label: 'Quick Access…', accelerator: 'CommandOrControl+Shift+Space', click: () => commands.openQuickAccess() },
      { type: 'separator' },
      ...(isMac
        ? []
        : [{ label: 'Settings…', accelerator: 'CommandOrControl+,', click: () => commands.openSettings() }]),
      ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: 'Quit Latch' }]),
    ],
  };
  const viewSubmenu: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!input.isPackaged) viewSubmenu.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: input.appName,
      submenu: [
        { label: `About ${input.appName}`, click: () => commands.openAbout() },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'Command+,', click: () => commands.openSettings() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    vaultMenu,
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: viewSubmenu },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Latch Documentation', click: () => commands.openDocs() },
        ...(isMac ? [] : [{ label: `About ${input.appName}`, click: () => commands.openAbout() }]),
      ],
    },
  );
  return template;
}
