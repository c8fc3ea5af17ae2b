import { useRovingFocus } from '../../ui';

/**
 * The tags of all services as toggle chips (one at a time narrows the list), and "Codes only".
 * The chips are one Tab stop (arrows move between them, Enter or Space toggles), placed before
 * the search in the Tab order (ServiceList) so the list stays one Tab stop after the search. Typing
 * `#tag` or `is:codes` in the search reaches the same filters (search.ts).
 */
export function TagFilter({
  tags,
  value,
  onChange,
  codesOnly,
  onCodesOnly,
}: {
  tags: readonly string[];
  value: string | null;
  onChange: (tag: string | null) => void;
  /** How many services hold only one-time codes; no chip when none does. */
  codesOnly: { count: number; on: boolean };
  onCodesOnly: (on: boolean) => void;
}) {
  const roving = useRovingFocus(tags.length + (codesOnly.count > 0 ? 1 : 0));
  if (tags.length === 0 && codesOnly.count === 0) return null;
  return (
    <fieldset className="tag-filter" onKeyDown={roving.onKeyDown}>
      <legend className="visually-hidden">Filter by tag</legend>
      {tags.map((t, i) => {
        const on = value !== null && value.toLowerCase() === t.toLowerCase();
        return (
          <button
            key={t}
            type="button"
            {...roving.item(i)}
            title={`Or type #${t} in the search`}
            className={`chip${on ? ' chip--on' : ''}`}
            aria-pressed={on}
            onClick={() => onChange(on ? null : t)}
          >
            {t}
          </button>
        );
      })}
      {codesOnly.count > 0 ? (
        <button
          type="button"
          {...roving.item(tags.length)}
          title="Services that hold only one-time codes (or type is:codes in the search)"
          className={`chip chip--codes${codesOnly.on ? ' chip--on' : ''}`}
          aria-pressed={codesOnly.on}
          onClick={() => onCodesOnly(!codesOnly.on)}
        >
          Codes only ({codesOnly.count})
        </button>
      ) : null}
    </fieldset>
  );
}
