/**
 * Whether a URL's host, as written in `raw`, is the host the WHATWG parser made of it (ASCII case aside). The
 * parser reads 2130706433, 127.1, 0x7f.1, 0177.0.0.1, 127.0.0.1. and %31%32%37.0.0.1 as 127.0.0.1; the tools latch
 * answers may read them otherwise: Go's net/url and net.Dial (kubectl, Docker), an older curl, getaddrinfo with a
 * trailing dot ask DNS for such a name, which whoever answers for it can point anywhere. The host latch checks a
 * credential against must be the one the tool connects to, so such a spelling is refused. An IPv6 literal in
 * brackets is read as the same address by all of them, in any spelling.
 */
export function writtenAsRead(raw: string, url: URL): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(raw)?.[1];
  if (authority === undefined) return false;
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  // A host written in Unicode is mapped to its ASCII (punycode) form by every one of them alike (UTS #46).
  if (/[\u0080-\uffff]/.test(hostAndPort)) return true;
  const host = /^(\[[^\]]*\]|[^:]*)(?::\d{0,5})?$/.exec(hostAndPort)?.[1];
  if (host === undefined) return false;
  // An IPv6 literal (which the parser took, so it is one) is that address to every reader, however it is
  // spelled ([2001:0db8:0:0::1], [::ffff:10.0.0.5]): nothing is looked up by name, so there is no other host.
  if (/^\[[0-9a-f:.]+\]$/i.test(host) && url.hostname.startsWith('[')) return true;
  return host.toLowerCase() === url.hostname;
}
