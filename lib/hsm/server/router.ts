import type { z } from 'zod';

/** A tiny router for the emulator's REST API: exact segments and `:name` parameters, nothing else. */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `read`: changes nothing, safe to retry. `admin-mutation`: needs an Idempotency-Key header, which
 * the cluster itself stores with the result. `client-mutation`: an Idempotency-Key header is
 * optional; when present the server replays its stored answer (lib/hsm/server/replay.ts).
 */
export type RouteKind = 'read' | 'admin-mutation' | 'client-mutation';

export type RouteRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  idempotencyKey: string | null;
};

export type Answer = { status: number; body: unknown };

export type Route = {
  method: Method;
  path: string;
  kind: RouteKind;
  handle: (request: RouteRequest) => Promise<Answer>;
};

/** Bad input: answered 400 with the first problem, never a 500. */
export class BadRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequest';
  }
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : where;
  throw new BadRequest(`Invalid ${where}: ${field}: ${issue?.message ?? 'invalid'}`);
}

export function ok(body: unknown, status = 200): Answer {
  return { status, body };
}

export type Match = { route: Route; params: Record<string, string> } | { error: 404 | 405 };

export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const segments = pathname.split('/').filter(Boolean);
  let pathMatched = false;
  // Routes with more literal segments win (`keys/import` before `keys/:keyId`).
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (const [i, part] of pattern.entries()) {
      const segment = segments[i] as string;
      if (part.startsWith(':')) {
        let value: string;
        try {
          value = decodeURIComponent(segment);
        } catch {
          throw new BadRequest('Invalid path encoding.');
        }
        params[part.slice(1)] = value;
      } else if (part !== segment) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return { error: pathMatched ? 405 : 404 };
}

/** Orders routes so that literal segments are tried before parameters at the same position. */
export function sortRoutes(routes: Route[]): Route[] {
  const rank = (route: Route) => route.path.split('/').map((p) => (p.startsWith(':') ? '1' : '0')).join('');
  return [...routes].sort((a, b) => rank(a).localeCompare(rank(b)));
}
