/**
 * What a Settings number box holds, read for saving: a whole number inside [min, max], as main takes
 * it from the page, or what to tell the user. An empty box is not 0: `Number('')` is 0, which for
 * auto-lock means "off", so clearing the box to type another value, or a half-typed "1e" (which the
 * browser reports as empty), turned auto-lock off when the box lost focus.
 */
export function settingNumber(
  text: string,
  range: { min: number; max: number },
): { value: number } | { problem: string } {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return { value };
  return { problem: `Enter a whole number from ${range.min} to ${range.max}.` };
}
