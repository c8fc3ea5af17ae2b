// pngjs ships no types and @types/pngjs is not installed; this covers the one call Latch makes.
// Delete this file if @types/pngjs is added.
declare module 'pngjs' {
  interface DecodedPng {
    width: number;
    height: number;
    /** 8-bit RGBA, 4 bytes per pixel, rows top to bottom (pngjs normalises every colour type to this). */
    data: Buffer;
  }
  export const PNG: { sync: { read(buffer: Buffer): DecodedPng } };
}
