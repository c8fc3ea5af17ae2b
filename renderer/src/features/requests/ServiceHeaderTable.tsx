import { type HeaderSwitch, type StoredDefaultHeader, serviceHeaderRows } from '../../../../preload/contract';
import { Badge, Button } from '../../ui';
import type { Row } from './request-model';

const STATE_TEXT = { sent: 'from the service', off: 'off for this request', overridden: 'your header wins' } as const;

/** Off because the service keeps it off, not because this request switched it off. */
function offByDefault(name: string, defaults: readonly StoredDefaultHeader[], switches: readonly HeaderSwitch[]) {
  const same = (n: string) => n.toLowerCase() === name.toLowerCase();
  return defaults.find((d) => same(d.name))?.enabled === false && !switches.some((s) => same(s.name));
}

/**
 * The service's default headers as this request sends them, by the model's one merge rule (main
 * applies the same one): a header typed below with the same name wins; the box switches one off
 * for this request only. Not secrets, so shown in full.
 */
export function ServiceHeaderTable({
  defaults,
  own,
  switches,
  onSwitches,
  onOverride,
}: {
  defaults: readonly StoredDefaultHeader[];
  own: readonly Row[];
  switches: readonly HeaderSwitch[];
  onSwitches: (next: HeaderSwitch[]) => void;
  onOverride: (row: Row) => void;
}) {
  if (defaults.length === 0) return null;
  const rows = serviceHeaderRows(defaults, own, switches);
  const turn = (name: string, enabled: boolean) =>
    onSwitches([...switches.filter((s) => s.name.toLowerCase() !== name.toLowerCase()), { name, enabled }]);
  return (
    <fieldset className="field-rows kvt kvt--service" aria-label="Default headers">
      <legend className="kvt__legend">From the service</legend>
      {rows.map((r) => (
        <div className={`kvt__row kvt__row--${r.state}`} key={r.name} data-state={r.state}>
          <input
            type="checkbox"
            checked={r.state !== 'off'}
            disabled={r.state === 'overridden'}
            aria-label={`Send default header ${r.name}`}
            onChange={(e) => turn(r.name, e.currentTarget.checked)}
          />
          <span className="kvt__fixed mono">{r.name}</span>
          <span className="kvt__fixed mono">{r.value === '' ? '(empty)' : r.value}</span>
          <span className="kvt__tail">
            <Badge tone={r.state === 'sent' ? 'accent' : 'neutral'}>
              {r.state === 'off' && offByDefault(r.name, defaults, switches) ? 'off by default' : STATE_TEXT[r.state]}
            </Badge>
            {r.state === 'sent' ? (
              <Button
                variant="ghost"
                size="small"
                aria-label={`Override ${r.name} for this request`}
                onClick={() => onOverride({ name: r.name, value: r.value, enabled: true })}
              >
                Override
              </Button>
            ) : null}
          </span>
        </div>
      ))}
    </fieldset>
  );
}
