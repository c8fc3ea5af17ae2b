import { MAX_IMPORT_BYTES } from '../../../../preload/contract';

/**
 * Why a picked or dropped file cannot be imported, before a byte of it is read: a 50 MB file
 * (or a device that never ends) is refused by its size, not read into memory and then
 * refused; an empty file has nothing to import.
 */
export function importFileProblem(file: { size: number }): string | null {
  if (file.size > MAX_IMPORT_BYTES)
    return `This file is ${Math.ceil(file.size / 1024 / 1024)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Choose the export or .env file itself.`;
  if (file.size === 0)
    return 'This file is empty: there is nothing in it to import. Choose the .env or export file itself.';
  return null;
}

/** What a drop holds, as far as the import needs to know (a DataTransferItem's shape). */
export interface DroppedItem {
  kind: string;
  getAsFile(): File | null;
  webkitGetAsEntry?(): { isDirectory: boolean } | null;
}

/**
 * The one file a drop brings, or why there is none: a folder (the browser hands a folder
 * over as a File too, of a few bytes that cannot be read), several files, or dragged text.
 */
export function droppedFile(items: readonly DroppedItem[]): { file: File } | { problem: string } {
  const files = items.filter((i) => i.kind === 'file');
  if (files.length === 0) return { problem: 'Drop a file from your file manager here, or choose one.' };
  if (files.length > 1) return { problem: 'Drop one file at a time.' };
  const [item] = files;
  if (item?.webkitGetAsEntry?.()?.isDirectory)
    return { problem: 'That is a folder. Drop the .env, Postman or backup file inside it instead.' };
  const file = item?.getAsFile();
  return file ? { file } : { problem: 'That file could not be read. Choose it with the file picker instead.' };
}

/** A picked file as base64, for the bridge (the renderer never parses it: main does). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
