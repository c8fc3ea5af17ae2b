import { MAX_IMPORT_BYTES } from '../../../../preload/contract';

/**
 * Why a picked file cannot be imported, before a byte of it is read: a 50 MB file (or a
 * device that never ends) is refused by its size, not read into memory and then refused.
 */
export function importFileProblem(file: { size: number }): string | null {
  if (file.size > MAX_IMPORT_BYTES)
    return `This file is ${Math.ceil(file.size / 1024 / 1024)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Choose the export or .env file itself.`;
  return null;
}

/** A picked file as base64, for the bridge (the renderer never parses it: main does). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
