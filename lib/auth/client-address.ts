/**
 * The address a request came from, for sign-in rate limiting and the security log.
 *
 * TRUST_PROXY unset or `false` (the default): the console faces clients directly. proxy.ts drops any
 * X-Forwarded-For (and -Host, -Proto, -Port) a client sent, so the value Next.js fills in is the
 * socket's remote address. TRUST_PROXY=`true` (one proxy) or a number of proxy hops: the address is
 * that many entries from the right of X-Forwarded-For, the one the nearest trusted proxy appended.
 */
export function trustedProxyHops(setting = process.env.TRUST_PROXY): number {
  const value = (setting ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return 0;
  if (value === 'true') return 1;
  if (/^[1-9]\d?$/.test(value)) return Number(value);
  throw new Error(`TRUST_PROXY must be false, true or a number of proxy hops; got "${setting}"`);
}

function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const plain = mapped?.[1] ?? trimmed;
  return /^[0-9a-f:.]{2,45}$/i.test(plain) ? plain.toLowerCase() : 'unknown';
}

export function clientAddress(headers: Pick<Headers, 'get'>, hops = trustedProxyHops()): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return 'unknown';
  // Without a trusted proxy the header holds the socket address alone; the last entry is never the client's own claim.
  const index = entries.length - Math.max(hops, 1);
  return normalize(entries[Math.max(index, 0)] ?? 'unknown');
}
