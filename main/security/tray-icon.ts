/**
 * Which tray image to load. macOS gets template images (black plus alpha; the menu bar
 * tints them for light, dark and highlighted states); other systems get a glyph drawn for
 * the panel's theme. Electron picks the `@2x` file next to the named one by itself.
 */
export type PanelTheme = 'light' | 'dark';

export function trayIconFile(input: { platform: NodeJS.Platform; theme: PanelTheme; locked: boolean }): string {
  if (input.platform === 'darwin') return input.locked ? 'tray/trayLockedTemplate.png' : 'tray/trayTemplate.png';
  // A light panel needs a dark glyph and the other way round; the file is named for the panel.
  return `tray/tray-${input.locked ? 'locked-' : ''}${input.theme}.png`;
}

/** Every tray image the assets folder must hold (checked by a unit test). */
export function allTrayIconFiles(): string[] {
  const files: string[] = [];
  for (const platform of ['darwin', 'linux'] as const)
    for (const theme of ['light', 'dark'] as const)
      for (const locked of [false, true]) files.push(trayIconFile({ platform, theme, locked }));
  const unique = [...new Set(files)];
  return [...unique, ...unique.map((f) => f.replace(/\.png$/, '@2x.png'))];
}
