import { describe, expect, it } from 'vitest';
import { mainWindowOptions, quickAccessWindowOptions } from '../../../main/security/window-options';

describe('quickAccessWindowOptions', () => {
  const input = { preloadPath: '/app/preload/index.cjs', isPackaged: true, darkBackground: false };
  it('has exactly the main window security switches and preload', () => {
    const palette = quickAccessWindowOptions(input);
    const main = mainWindowOptions({ ...input, bounds: null, startHidden: false });
    expect(palette.webPreferences).toEqual(main.webPreferences);
    expect(palette.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
  it('is a small frameless, always-on-top window hidden until shown and kept off the taskbar', () => {
    expect(quickAccessWindowOptions(input)).toMatchObject({
      frame: false,
      show: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      width: 640,
      height: 420,
    });
  });
});
