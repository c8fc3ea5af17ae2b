import { describe, expect, it } from 'vitest';
import {
  acceleratorChips,
  acceleratorFromKeyPress,
  acceleratorProblem,
  type KeyPress,
} from '../../../main/core/model/accelerator';

const press = (code: string, mods: Partial<KeyPress> = {}, key = code.replace(/^(Key|Digit)/, '')): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('a key press in the shortcut recorder becomes an Electron accelerator', () => {
  it('Ctrl Shift L on Linux and Windows, Cmd Shift L on macOS, both as CommandOrControl', () => {
    expect(acceleratorFromKeyPress(press('KeyL', { ctrlKey: true, shiftKey: true }, 'L'), 'other')).toEqual({
      kind: 'combination',
      accelerator: 'CommandOrControl+Shift+L',
    });
    expect(acceleratorFromKeyPress(press('KeyL', { metaKey: true, shiftKey: true }, 'l'), 'darwin')).toEqual({
      kind: 'combination',
      accelerator: 'CommandOrControl+Shift+L',
    });
  });

  it('names the other modifiers: Control on macOS, Super elsewhere, Alt', () => {
    expect(acceleratorFromKeyPress(press('Space', { ctrlKey: true, altKey: true }, ' '), 'darwin')).toMatchObject({
      accelerator: 'Control+Alt+Space',
    });
    expect(acceleratorFromKeyPress(press('KeyK', { metaKey: true }), 'other')).toMatchObject({
      kind: 'combination',
      accelerator: 'Super+K',
    });
  });

  it('takes the key by its place on the keyboard: Shift+1 is 1, Semicolon is ;, the arrows and F-keys by name', () => {
    expect(acceleratorFromKeyPress(press('Digit1', { ctrlKey: true, shiftKey: true }, '!'), 'other')).toMatchObject({
      accelerator: 'CommandOrControl+Shift+1',
    });
    expect(acceleratorFromKeyPress(press('Semicolon', { altKey: true }, ';'), 'other')).toMatchObject({
      accelerator: 'Alt+;',
    });
    expect(acceleratorFromKeyPress(press('ArrowUp', { altKey: true }, 'ArrowUp'), 'other')).toMatchObject({
      accelerator: 'Alt+Up',
    });
    expect(acceleratorFromKeyPress(press('F5', { ctrlKey: true }, 'F5'), 'other')).toMatchObject({
      accelerator: 'CommandOrControl+F5',
    });
  });

  it('waits while only modifiers are down', () => {
    expect(acceleratorFromKeyPress(press('ControlLeft', { ctrlKey: true }, 'Control'), 'other')).toEqual({
      kind: 'modifiers-only',
    });
    expect(acceleratorFromKeyPress(press('ShiftLeft', { shiftKey: true, ctrlKey: true }, 'Shift'), 'other')).toEqual({
      kind: 'modifiers-only',
    });
  });

  it('refuses a key without a modifier, or with Shift alone, and says why', () => {
    const bare = acceleratorFromKeyPress(press('KeyL', {}, 'l'), 'other');
    expect(bare).toMatchObject({ kind: 'refused', accelerator: 'L' });
    expect(bare.kind === 'refused' && bare.reason).toMatch(/Ctrl, Alt, Cmd or Super/);
    expect(acceleratorFromKeyPress(press('KeyL', { shiftKey: true }, 'L'), 'other')).toMatchObject({
      kind: 'refused',
      accelerator: 'Shift+L',
    });
  });

  it('refuses a key Electron has no name for', () => {
    expect(acceleratorFromKeyPress(press('IntlRo', { ctrlKey: true }, 'ろ'), 'other')).toMatchObject({
      kind: 'refused',
    });
  });
});

describe('acceleratorProblem: what the contract accepts for the shortcut setting', () => {
  it.each([
    'CommandOrControl+Shift+L',
    'CmdOrCtrl+Alt+K',
    'Control+Option+Space',
    'Command+Shift+Semicolon'.replace('Semicolon', ';'),
    'Alt+F12',
    'Super+num5',
    'Ctrl++',
    'Control+Shift+Plus',
  ])('takes %s', (accelerator) => {
    expect(acceleratorProblem(accelerator)).toBeNull();
  });

  it.each([
    ['', /Not a key combination/],
    ['L', /Ctrl, Alt, Cmd or Super/],
    ['Shift+L', /Ctrl, Alt, Cmd or Super/],
    ['Ctrl+Shift', /Electron knows/],
    ['Ctrl+Hyper+L', /Electron knows/],
    ['Ctrl+LL', /Electron knows/],
    ['Ctrl++L', /Not a key combination/],
    [`Ctrl+${'A'.repeat(70)}`, /Not a key combination/],
  ])('refuses %j', (accelerator, reason) => {
    expect(acceleratorProblem(accelerator)).toMatch(reason);
  });
});

describe('acceleratorChips', () => {
  it('shows words on Linux and Windows and symbols on macOS', () => {
    expect(acceleratorChips('CommandOrControl+Shift+L', 'other')).toEqual(['Ctrl', 'Shift', 'L']);
    expect(acceleratorChips('CommandOrControl+Shift+L', 'darwin')).toEqual(['⌘', '⇧', 'L']);
    expect(acceleratorChips('Control+Alt+Space', 'darwin')).toEqual(['⌃', '⌥', 'Space']);
    expect(acceleratorChips('Ctrl++', 'other')).toEqual(['Ctrl', '+']);
    expect(acceleratorChips('', 'other')).toEqual([]);
  });
});
