/**
 * Settings that lower the vault's protection are the user's own: a script in the page, even one
 * that makes the browser fire trusted change and input events (a checkbox's click(), execCommand),
 * cannot save them; the user's own click or typing can, once the user says yes to main's question
 * (the browser host's queue stands for the desktop app's native dialog: the test answers it). Settings
 * that keep or raise protection save for anyone, as before.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { holdKey } from './held-key';
import { settingsOfNewVault } from './vault-helpers';

/**
 * A script in the page with no click or key press behind it: CDP's evaluate without userGesture
 * (Playwright's own evaluate is a gesture, and so is every locator action). It waits out the
 * activation the test's last click left (Chromium: 5 s) first.
 */
async function pageScript(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const run = async <T>(expression: string): Promise<T> =>
    (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: false }))
      .result.value as T;
  await expect.poll(() => run<boolean>('navigator.userActivation.isActive'), { timeout: 10_000 }).toBe(false);
  return run;
}

/** Types into a field as a script can, through the browser's own editing (trusted input events), then leaves it. */
const typeInto = (label: string, text: string) => `(() => {
  const field = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === ${JSON.stringify(label)}).control;
  const trusted = [];
  field.addEventListener('input', (e) => trusted.push(e.isTrusted));
  field.focus();
  field.select();
  document.execCommand('insertText', false, ${JSON.stringify(text)});
  field.blur();
  return trusted;
})()`;

test('a script cannot lower the protection from the Settings screen; the user typing or clicking can', async ({
  app,
  host,
}) => {
  await settingsOfNewVault(app);
  const tray = app.getByLabel('Closing the window keeps Latch in the tray');
  const autoLock = app.getByLabel('Auto-lock after (minutes)');
  await expect(tray).not.toBeChecked();
  const saved = () => host.composed.services.settings.get();

  const script = await pageScript(app);
  // The checkbox's click() from a script: the browser fires a trusted change event for it.
  const changeTrusted = await script<boolean>(`new Promise((resolve) => {
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('keeps Latch in the tray')).querySelector('input');
    box.addEventListener('change', (e) => resolve(e.isTrusted), { once: true });
    box.click();
  })`);
  expect(changeTrusted).toBe(true);
  // Auto-lock off, typed by the browser's editing: trusted input events too.
  expect(await script<boolean[]>(typeInto('Auto-lock after (minutes)', '0'))).toEqual([true]);
  await expect(app.getByText('Not saved: lowering protection needs your own click or key press.')).toHaveCount(2);
  await screenshot(app, 'settings-weaken-refused');
  expect(saved()).toMatchObject({ closeToTray: false, autoLockMinutes: 10 });
  await expect(tray).not.toBeChecked();
  // Raising it needs nobody: a shorter clipboard time from the same script is saved.
  await script(typeInto('Clear clipboard after (seconds)', '5'));
  await expect.poll(() => saved().clipboardClearSeconds).toBe(5);
  expect(saved()).toMatchObject({ closeToTray: false, autoLockMinutes: 10 });

  // The user's own click and typing (trusted pointer and key presses) save the same changes, each once
  // the user has said yes to main's question.
  await tray.click();
  expect((await host.confirmations.answerNext(true)).title).toBe(
    'Keep Latch running in the tray when its window is closed?',
  );
  await expect(tray).toBeChecked();
  await autoLock.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('0');
  await app.keyboard.press('Tab');
  expect((await host.confirmations.answerNext(true)).title).toBe('Turn the auto-lock off?');
  await expect.poll(() => saved()).toMatchObject({ closeToTray: true, autoLockMinutes: 0, clipboardClearSeconds: 5 });
  expect(host.confirmations.asked).toHaveLength(2);
  await expect(app.getByText('Not saved: lowering protection needs your own click or key press.')).toHaveCount(0);
  await screenshot(app, 'settings-weaken-by-user');
});

test('an emptied or half-typed number box is not saved as 0 (auto-lock off): the user is told what to enter', async ({
  app,
  host,
}) => {
  await settingsOfNewVault(app);
  const autoLock = app.getByLabel('Auto-lock after (minutes)');
  const saved = () => host.composed.services.settings.get();
  const leaveWith = async (keys: string[]) => {
    await autoLock.click();
    await app.keyboard.press('Control+A');
    for (const key of keys) await app.keyboard.press(key);
    await app.keyboard.press('Tab');
  };

  // Cleared, to type another value later.
  await leaveWith(['Backspace']);
  await expect(app.getByText('Enter a whole number from 0 to 1440.')).toBeVisible();
  // Half-typed: the browser reports a lone "-" as an empty box.
  await leaveWith(['-']);
  await expect(app.getByText('Enter a whole number from 0 to 1440.')).toBeVisible();
  expect(saved().autoLockMinutes).toBe(10);

  // Back to what is saved: nothing to save, and nothing wrong any more.
  await leaveWith(['1', '0']);
  await expect(app.getByText('Enter a whole number from 0 to 1440.')).toHaveCount(0);
  // A whole number of seconds only, as main takes it: said here, not as main's schema error.
  const clipboard = app.getByLabel('Clear clipboard after (seconds)');
  await clipboard.fill('2.5');
  await app.keyboard.press('Tab');
  await expect(app.getByText('Enter a whole number from 1 to 3600.')).toBeVisible();
  expect(saved()).toMatchObject({ autoLockMinutes: 10, clipboardClearSeconds: 30 });
});

test('leaving a number box by clicking a checkbox: one press, both changes in one question of main', async ({
  app,
  host,
}) => {
  await settingsOfNewVault(app);
  const saved = () => host.composed.services.settings.get();
  const autoLock = app.getByLabel('Auto-lock after (minutes)');
  const tray = app.getByLabel('Closing the window keeps Latch in the tray');
  await autoLock.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('0');
  // The click on the checkbox is what leaves the box: one press, two changes that lower protection.
  await tray.click();
  const asked = await host.confirmations.answerNext(true);
  expect(asked.title).toBe("Lower the vault's protection in 2 ways?");
  expect(asked.detail).toContain('Turn the auto-lock off?');
  expect(asked.detail).toContain('Keep Latch running in the tray');
  await expect.poll(() => saved()).toMatchObject({ autoLockMinutes: 0, closeToTray: true });
  await expect(tray).toBeChecked();
  await expect(app.getByText(/Not saved/)).toHaveCount(0);
});

test('lowering the auto-lock: main asks once for the value typed, not at each key or arrow step; yes saves it, no shows the stored value again', async ({
  app,
  host,
}) => {
  await settingsOfNewVault(app);
  const saved = () => host.composed.services.settings.get();
  const autoLock = app.getByLabel('Auto-lock after (minutes)');

  // Typed digit by digit (1, 12, 120): nothing is saved or asked until the box is done with (Enter).
  await autoLock.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('120');
  await app.waitForTimeout(300);
  expect(host.confirmations.asked).toEqual([]);
  expect(saved().autoLockMinutes).toBe(10);
  await app.keyboard.press('Enter');
  const asked = await host.confirmations.next();
  expect(asked.question).toMatchObject({
    title: 'Lock the vault after 120 minutes idle instead of 10 minutes?',
    confirmLabel: 'Lock after 120 minutes',
  });
  await screenshot(app, 'settings-weaken-asked');
  asked.answer(true);
  await expect.poll(() => saved().autoLockMinutes).toBe(120);
  await expect(autoLock).toHaveValue('120');

  // Held ArrowUp from 120: one question for where it ended, when the box is left (Tab).
  await holdKey(app, 'ArrowUp');
  await expect(autoLock).toHaveValue('128');
  await app.keyboard.press('Tab');
  const held = await host.confirmations.next();
  expect(held.question.title).toBe('Lock the vault after 128 minutes idle instead of 120 minutes?');
  // No: nothing saved, the box shows the stored value again, and no error is shown.
  held.answer(false);
  await expect(autoLock).toHaveValue('120');
  expect(saved().autoLockMinutes).toBe(120);
  await expect(app.getByText(/Not saved|was not saved/)).toHaveCount(0);
  await expect(autoLock).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(app, 'settings-weaken-cancelled');
  expect(host.confirmations.asked).toHaveLength(2);

  // Stronger needs no question: saved when the box is left.
  await autoLock.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('5');
  await app.keyboard.press('Tab');
  await expect.poll(() => saved().autoLockMinutes).toBe(5);
  expect(host.confirmations.asked).toHaveLength(2);
});

test('a cancelled checkbox or shortcut shows the stored state again, with no error', async ({ app, host }) => {
  await settingsOfNewVault(app);
  const saved = () => host.composed.services.settings.get();
  const tray = app.getByLabel('Closing the window keeps Latch in the tray');
  await tray.click();
  await host.confirmations.answerNext(false);
  await expect(tray).not.toBeChecked();
  const recorder = app.getByRole('textbox', { name: 'Quick-access shortcut' });
  await recorder.focus();
  await app.keyboard.press('Control+Alt+K');
  expect((await host.confirmations.answerNext(false)).title).toBe(
    'Open quick access with CommandOrControl+Alt+K instead of CommandOrControl+Shift+L?',
  );
  await expect.poll(() => recorder.locator('kbd').allTextContents()).toEqual(['Ctrl', 'Shift', 'L']);
  expect(saved()).toMatchObject({ closeToTray: false, quickAccessShortcut: 'CommandOrControl+Shift+L' });
  await expect(app.getByText(/not saved/i)).toHaveCount(0);
});
