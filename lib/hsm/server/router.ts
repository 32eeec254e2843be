import { z } from 'zod';

/**
 * A tiny router for the emulator's REST API: exact segments and `:name` parameters. Each route
 * declares its query and body schemas: the server validates every request with them (400 on bad
 * input, never a 500) and the OpenAPI document (lib/hsm/rest/openapi.ts) is generated from them.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `read`: changes nothing, safe to retry. `admin-mutation`: needs an Idempotency-Key header, which
 * the cluster itself stores with the result. `client-mutation`: an Idempotency-Key header is
 * optional; when present the server replays its stored answer (lib/hsm/server/replay.ts).
 */
export type RouteKind = 'read' | 'admin-mutation' | 'client-mutation';

/** What arrives, before validation. */
export type RouteRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  idempotencyKey: string | null;
};

export type Answer = { status: number; body: unknown };

/** Status -> the name of the response's schema in the OpenAPI components (or a description). */
export type Responses = Record<number, string>;

export type Route = {
  method: Method;
  path: string;
  kind: RouteKind;
  summary: string;
  query: z.ZodType;
  body: z.ZodType;
  responses: Responses;
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

/** URLSearchParams as a plain object for zod; a repeated parameter is kept as a list (and refused). */
export function searchParamsRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = record[name];
    record[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return record;
}

export const NO_QUERY = z.strictObject({});
export const NO_BODY = z.undefined({ error: 'This route takes no body.' });

type Input<Q extends z.ZodType, B extends z.ZodType> = {
  params: Record<string, string>;
  query: z.output<Q>;
  body: z.output<B>;
  idempotencyKey: string | null;
};

export type RouteSpec<Q extends z.ZodType, B extends z.ZodType> = {
  method: Method;
  path: string;
  kind: RouteKind;
  summary: string;
  query?: Q;
  body?: B;
  responses: Responses;
  run: (input: Input<Q, B>) => Promise<Answer>;
};

export function route<Q extends z.ZodType = typeof NO_QUERY, B extends z.ZodType = typeof NO_BODY>(spec: RouteSpec<Q, B>): Route {
  const query = (spec.query ?? NO_QUERY) as Q;
  const body = (spec.body ?? NO_BODY) as B;
  return {
    method: spec.method,
    path: spec.path,
    kind: spec.kind,
    summary: spec.summary,
    query,
    body,
    responses: spec.responses,
    handle: (request) =>
      spec.run({
        params: request.params,
        query: parse(query, searchParamsRecord(request.query), 'query'),
        body: parse(body, request.body, 'body'),
        idempotencyKey: request.idempotencyKey,
      }),
  };
}

/** Longest path parameter (an id): longer ones are refused before any route runs. */
const MAX_PARAM = 200;

export type Match = { route: Route; params: Record<string, string> } | { error: 404 | 405 };

export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const segments = pathname.split('/').filter(Boolean);
  let pathMatched = false;
  for (const candidate of routes) {
    const pattern = candidate.path.split('/').filter(Boolean);
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
        if (value.length === 0 || value.length > MAX_PARAM) throw new BadRequest(`Invalid path: ${part.slice(1)} must be 1-${MAX_PARAM} characters.`);
        params[part.slice(1)] = value;
      } else if (part !== segment) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    pathMatched = true;
    if (candidate.method === method) return { route: candidate, params };
  }
  return { error: pathMatched ? 405 : 404 };
}

/** Orders routes so that literal segments are tried before parameters at the same position. */
export function sortRoutes(routes: Route[]): Route[] {
  const rank = (r: Route) => r.path.split('/').map((p) => (p.startsWith(':') ? '1' : '0')).join('');
  return [...routes].sort((a, b) => rank(a).localeCompare(rank(b)));
}
