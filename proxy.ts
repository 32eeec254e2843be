import { NextResponse, type NextRequest } from 'next/server';

/**
 * Sends visitors without a session cookie to the login page. A convenience only: every page,
 * action and route handler re-checks the session against the store itself.
 */
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith('authjs.session-token'));
  if (!hasSession) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}

export const config = {
  matcher: ['/partitions/:path*', '/security-log/:path*'],
};
