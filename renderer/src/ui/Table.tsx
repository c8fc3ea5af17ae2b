import type { ReactNode } from 'react';

/** A table with one header row of column names; the rows are the children (<tr>…</tr>). */
export function Table({
  columns,
  label,
  className = 'table',
  children,
}: {
  columns: readonly string[];
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
