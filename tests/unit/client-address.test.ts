import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxyHops } from '@/lib/auth/client-address';

const h = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

describe('clientAddress', () => {
  it('without a trusted proxy: the socket address Next.js filled in (proxy.ts dropped whatever the client sent)', () => {
    expect(clientAddress(h('203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientAddress(h('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientAddress(h('::1'), 0)).toBe('::1');
    // Had a client header survived, its own claim (the left) would still not be taken.
    expect(clientAddress(h('6.6.6.6, 203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('behind N trusted proxies: N entries from the right', () => {
    expect(clientAddress(h('6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(h('6.6.6.6, 198.51.100.7, 10.0.0.2'), 2)).toBe('198.51.100.7');
    expect(clientAddress(h('198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('missing or malformed values are "unknown", never the raw text', () => {
    expect(clientAddress(h(), 0)).toBe('unknown');
    expect(clientAddress(h(''), 0)).toBe('unknown');
    expect(clientAddress(h('<script>'), 0)).toBe('unknown');
    expect(clientAddress(h('x'.repeat(100)), 0)).toBe('unknown');
  });

  it('TRUST_PROXY: false (default), true (one proxy) or a number of hops; anything else stops with a clear error', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('false')).toBe(0);
    expect(trustedProxyHops('true')).toBe(1);
    expect(trustedProxyHops('2')).toBe(2);
    expect(() => trustedProxyHops('yes please')).toThrow(/TRUST_PROXY/);
  });
});
