/**
 * A URL shown whole, wrapping only where a reader expects it: never inside scheme://host:port, and
 * otherwise after a path separator, `?` or `&`. Nothing is cut, so no title has to carry the rest.
 */
export function LogUrl({ url }: { url: string }) {
  let origin = '';
  let rest = url;
  try {
    const parsed = new URL(url);
    origin = parsed.origin;
    rest = url.slice(origin.length);
  } catch {
    // Not a URL (main writes "[redacted]" then): shown as it is.
  }
  const parts = rest.split(/(?<=[/?&])/);
  return (
    <span className="log-url mono">
      {origin ? <span className="log-url__origin">{origin}</span> : null}
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          <wbr />
        </span>
      ))}
    </span>
  );
}
