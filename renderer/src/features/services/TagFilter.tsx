/**
 * The tags of all services as toggle chips (one at a time narrows the list), and "Codes only".
 * The chips are out of the Tab order so the list is one Tab stop from the search; the keyboard
 * reaches the same filters by typing `#tag` or `is:codes` in the search (search.ts).
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
  if (tags.length === 0 && codesOnly.count === 0) return null;
  return (
    <fieldset className="tag-filter">
      <legend className="visually-hidden">Filter by tag</legend>
      {tags.map((t) => {
        const on = value !== null && value.toLowerCase() === t.toLowerCase();
        return (
          <button
            key={t}
            type="button"
            tabIndex={-1}
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
          tabIndex={-1}
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
