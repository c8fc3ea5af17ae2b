import { type DragEvent, useId, useRef, useState } from 'react';
import { MAX_IMPORT_BYTES } from '../../../../preload/contract';
import { Icon } from '../../ui';
import { droppedFile } from './read-file';

/** "12 KB": a file's size as the drop zone shows it. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The import's file picker: one button that opens the system picker (click, Enter or Space)
 * and takes a dropped file. Either way the page only gets a File the user chose; main is
 * handed its bytes, never a path (ImportPanel), so a drop cannot make main read anything.
 */
export function FileDrop({
  file,
  onFile,
  onProblem,
  error,
}: {
  file: File | null;
  onFile: (file: File) => void;
  onProblem: (problem: string) => void;
  /** Why a file is needed, under the zone and tied to it, as a field's error (Preview with none chosen). */
  error?: string | null;
}) {
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [over, setOver] = useState(false);

  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const got = droppedFile([...e.dataTransfer.items]);
    if ('file' in got) onFile(got.file);
    else onProblem(got.problem);
  };

  return (
    <div className="import-drop">
      <button
        type="button"
        className={`import-drop__zone${over ? ' import-drop__zone--over' : ''}`}
        data-testid="import-drop"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={() => input.current?.click()}
        onKeyDown={(e) => {
          // Enter clicks a button from its keypress, and Chromium (headless at least) then no
          // longer opens a file picker from it; the key press itself still may.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          input.current?.click();
        }}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Icon name="transfer" />
        {file ? (
          <>
            <span className="import-drop__title">{file.name}</span>
            <span className="import-drop__hint">{sizeText(file.size)}. Choose or drop another to replace it.</span>
          </>
        ) : (
          <>
            <span className="import-drop__title">Choose a file, or drop it here</span>
            <span className="import-drop__hint">
              .env, Postman environment or Google service-account key (.json), or Latch backup (.latch), up to{' '}
              {MAX_IMPORT_BYTES / 1024 / 1024} MB
            </span>
          </>
        )}
      </button>
      {error ? (
        <div className="field__error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
      <input
        ref={input}
        id="import-file"
        type="file"
        aria-label="File"
        tabIndex={-1}
        hidden
        onChange={(e) => {
          const picked = e.currentTarget.files?.[0];
          if (picked) onFile(picked);
          // The same file chosen again after an edit is a change too.
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
