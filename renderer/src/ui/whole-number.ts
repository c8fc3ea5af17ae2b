/**
 * What a number box holds after a keystroke: a whole number kept inside [min, max]. Empty or
 * not a number reads as min, so the value sent to main is never NaN or out of its range.
 */
export function wholeNumberIn(text: string, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.trunc(Number(text)) || min));
}
