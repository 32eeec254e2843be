/**
 * The console's response headers (set by proxy.ts on every page, action and route handler).
 * Scripts run only with the request's nonce (Next.js reads it from the Content-Security-Policy
 * request header and puts it on its own scripts); no inline script allowance. Inline *style
 * attributes* stay allowed (React style props for bar widths); style elements need the nonce.
 */

export type CspOptions = { nonce: string; dev: boolean; https: boolean; formTargets?: readonly string[] };

export function contentSecurityPolicy({ nonce, dev, https, formTargets = [] }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': scripts loaded by a nonce'd script may load further chunks; React's dev build needs eval.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    // Sign-in with single sign-on leaves for the identity provider.
    ['form-action', "'self'", ...formTargets],
    ['frame-ancestors', "'none'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // Same-origin requests keep their Referer (and POSTs their Origin, which server actions check); nothing leaves the console.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Request headers a client may not set unless TRUST_PROXY says a proxy in front of the console sets them. */
export const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'] as const;

export function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
