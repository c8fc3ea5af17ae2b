import { useCallback, useEffect, useState } from 'react';
import type { ReportFormat, SavedAuditSummary } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useToast } from '../../ui';
import { errorOf } from '../services/bridge-error';

/** Offers a file main rendered from the stored report; the page never builds report content itself. */
function offer(fileName: string, mimeType: string, contentBase64: string) {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** The audit reports kept with a service: open, export as Markdown, HTML or JSON, delete. */
export function SavedReports({
  serviceId,
  onOpen,
  refresh = 0,
}: {
  serviceId: string;
  onOpen?: (id: string) => void;
  refresh?: number;
}) {
  const latch = useLatch();
  const toast = useToast();
  const [list, setList] = useState<SavedAuditSummary[] | null>(null);
  const load = useCallback(
    () => void latch.audit.reports({ serviceId }).then(setList, () => setList([])),
    [latch, serviceId],
  );
  useEffect(() => {
    void refresh;
    load();
  }, [load, refresh]);
  const exportAs = async (id: string, format: ReportFormat) => {
    try {
      const f = await latch.audit.export({ serviceId, id, format });
      offer(f.fileName, f.mimeType, f.contentBase64);
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };
  const remove = async (id: string) => {
    try {
      await latch.audit.deleteReport({ serviceId, id });
      load();
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };
  if (list === null) return null;
  if (list.length === 0) return <p className="muted">No audit reports kept yet.</p>;
  return (
    <ul className="saved-reports" aria-label="Saved audit reports">
      {list.map((r) => (
        <li key={r.id} className="saved-reports__row hstack">
          <span className="saved-reports__what">
            <strong>{r.summary.score}/100</strong> {r.target} · {new Date(r.startedAt).toLocaleString()} ·{' '}
            {r.summary.fail} fail, {r.summary.warn} warn
          </span>
          <span className="spacer" />
          {onOpen ? (
            <Button size="small" onClick={() => onOpen(r.id)}>
              Open
            </Button>
          ) : null}
          {(['md', 'html', 'json'] as const).map((f) => (
            <Button
              key={f}
              size="small"
              variant="ghost"
              onClick={() => void exportAs(r.id, f)}
              aria-label={`Export ${f.toUpperCase()}`}
            >
              {f.toUpperCase()}
            </Button>
          ))}
          <Button size="small" variant="ghost" onClick={() => void remove(r.id)} aria-label="Delete report">
            Delete
          </Button>
        </li>
      ))}
    </ul>
  );
}
