import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/security/window-options';

const base = { preloadPath: '/app/out/preload/index.cjs', bounds: null, darkBackground: false, startHidden: false };

describe('mainWindowOptions', () => {
  it('turns on every isolation switch and leaves Node out of the page', () => {
    const wp = mainWindowOptions({ ...base, isPackaged: true }).webPreferences;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: base.preloadPath,
    });
  });

  it('has DevTools only in development builds', () => {
    expect(mainWindowOptions({ ...base, isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ ...base, isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('restores saved bounds and starts hidden until ready', () => {
    const o = mainWindowOptions({ ...base, isPackaged: true, bounds: { x: 10, y: 20, width: 900, height: 600 } });
    expect(o).toMatchObject({ x: 10, y: 20, width: 900, height: 600, show: false });
  });

  it('enforces the 720 × 560 minimum window and grows smaller saved bounds to it', () => {
    expect(mainWindowOptions({ ...base, isPackaged: true })).toMatchObject({ minWidth: 720, minHeight: 560 });
    const o = mainWindowOptions({ ...base, isPackaged: true, bounds: { x: 0, y: 0, width: 500, height: 300 } });
    expect(o).toMatchObject({ width: 720, height: 560 });
  });
});
