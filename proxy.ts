import { NextResponse, type NextRequest } from 'next/server';
import { trustedProxyHops } from '@/lib/auth/client-address';
import { contentSecurityPolicy, FORWARDED_HEADERS, HSTS, nonce, STATIC_SECURITY_HEADERS } from '@/lib/http/security-headers';

/** Pages behind sign-in: a visitor without a session cookie is sent to the login page. */
const CONSOLE_PAGES = ['/partitions', '/security-log', '/bin', '/reports'];

function isConsolePage(pathname: string): boolean {
  return CONSOLE_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

function oidcOrigin(): string[] {
  try {
    return process.env.OIDC_ISSUER ? [new URL(process.env.OIDC_ISSUER).origin] : [];
  } catch {
    return [];
  }
}

/**
 * Runs before every page, server action and route handler:
 * - a fresh CSP nonce per request (Next.js reads it from the request's Content-Security-Policy header)
 *   and the security headers (lib/http/security-headers.ts) on the response;
 * - without TRUST_PROXY, drops X-Forwarded-* a client sent, so Next.js fills in the socket's address
 *   (lib/auth/client-address.ts);
 * - sends visitors without a session cookie to the login page. A convenience only, never the guard:
 *   every page, action and route handler re-checks the session against the store itself.
 */
export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === 'https:';
  const csp = contentSecurityPolicy({
    nonce: nonce(),
    dev: process.env.NODE_ENV === 'development',
    https,
    formTargets: oidcOrigin(),
  });
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith('authjs.session-token'));
  let response: NextResponse;
  if (!hasSession && isConsolePage(request.nextUrl.pathname)) {
    response = NextResponse.redirect(new URL('/login', request.url));
  } else {
    const headers = new Headers(request.headers);
    if (trustedProxyHops() === 0) for (const name of FORWARDED_HEADERS) headers.delete(name);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (https) response.headers.set('strict-transport-security', HSTS);
  return response;
}

export const config = {
  // Everything but the build's static files: pages, server actions (POSTs to pages) and /api routes alike.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
