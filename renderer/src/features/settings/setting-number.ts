/**
 * What a Settings number box holds, read for saving: a number inside [min, max], or what to tell
 * the user. An empty box is not 0: `Number('')` is 0, which for auto-lock means "off", so clearing
 * the box to type another value, or a half-typed "1e" (which the browser reports as empty), turned
 * auto-lock off when the box lost focus.
 */
export function settingNumber(
  text: string,
  range: { min: number; max: number; whole: boolean },
): { value: number } | { problem: string } {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const fits = Number.isFinite(value) && value >= range.min && value <= range.max;
  if (fits && (!range.whole || Number.isInteger(value))) return { value };
  return { problem: `Enter a ${range.whole ? 'whole ' : ''}number from ${range.min} to ${range.max}.` };
}
