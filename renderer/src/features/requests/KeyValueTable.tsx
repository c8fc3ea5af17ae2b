import { Button, Icon } from '../../ui';
import type { Row } from './request-model';

/** An editable list of name/value rows; unticked rows are kept but not sent. */
export function KeyValueTable({
  label,
  rows,
  onChange,
  namePlaceholder = 'Name',
  emptyText,
}: {
  label: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  namePlaceholder?: string;
  /** What an empty table says; default "No <label> yet." */
  emptyText?: string;
}) {
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field-rows kvt" aria-label={label}>
      {rows.length === 0 ? <p className="kvt__empty">{emptyText ?? `No ${label.toLowerCase()} yet.`}</p> : null}
      {rows.map((r, i) => (
        <div className="kvt__row" key={i}>
          <input
            type="checkbox"
            checked={r.enabled}
            aria-label={`Send ${label.toLowerCase()} row ${i + 1}`}
            onChange={(e) => set(i, { enabled: e.currentTarget.checked })}
          />
          <input
            className="input mono"
            value={r.name}
            placeholder={namePlaceholder}
            aria-label={`${label} name ${i + 1}`}
            spellCheck={false}
            onChange={(e) => set(i, { name: e.currentTarget.value })}
          />
          <input
            className="input mono"
            value={r.value}
            placeholder="Value"
            aria-label={`${label} value ${i + 1}`}
            spellCheck={false}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
          />
          <Button
            variant="ghost"
            size="small"
            aria-label={`Remove ${label.toLowerCase()} row ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </div>
      ))}
      <div>
        <Button size="small" onClick={() => onChange([...rows, { name: '', value: '', enabled: true }])}>
          <Icon name="plus" size={14} /> Add {label === 'Query parameters' ? 'parameter' : 'row'}
        </Button>
      </div>
    </fieldset>
  );
}
