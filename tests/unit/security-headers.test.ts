import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, nonce, STATIC_SECURITY_HEADERS } from '@/lib/http/security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name as string, values]));
}

describe('Content-Security-Policy', () => {
  it('scripts only with the request nonce: no inline or eval allowance in production', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'abc123', dev: false, https: false }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('under https also upgrades insecure requests; single sign-on may post to the issuer', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'n', dev: false, https: true, formTargets: ['https://idp.example'] }));
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://idp.example']);
  });

  it('a fresh, unguessable nonce each time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => nonce()));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('the other headers: nosniff, a referrer that never leaves the console, no framing', () => {
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    });
  });
});
