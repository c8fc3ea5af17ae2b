/** The tags of all services as toggle chips; one at a time narrows the list. */
export function TagFilter({
  tags,
  value,
  onChange,
}: {
  tags: readonly string[];
  value: string | null;
  onChange: (tag: string | null) => void;
}) {
  if (tags.length === 0) return null;
  return (
    <fieldset className="tag-filter">
      <legend className="visually-hidden">Filter by tag</legend>
      {tags.map((t) => {
        const on = value !== null && value.toLowerCase() === t.toLowerCase();
        return (
          <button
            key={t}
            type="button"
            className={`chip${on ? ' chip--on' : ''}`}
            aria-pressed={on}
            onClick={() => onChange(on ? null : t)}
          >
            {t}
          </button>
        );
      })}
    </fieldset>
  );
}
