import type { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';
import { adminRoutes } from '../server/admin-routes';
import { clientRoutes } from '../server/client-routes';
import { NO_BODY, type Route } from '../server/router';
import type { HsmAdmin, HsmClientApi } from '../types';
import { fromZod, RESPONSE_SCHEMAS } from './openapi-schemas';

/**
 * The OpenAPI 3.1 document of the standalone emulator, generated from its route table: the query
 * and body schemas are the zod schemas the server validates with, so the document cannot drift from
 * the server. `npm run openapi` writes docs/openapi/hsm-emulator.json; a test keeps that copy current.
 */

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Invalid input (query, body, path or Idempotency-Key); nothing was done',
  401: 'Missing or wrong bearer token',
  403: 'Refused by a partition policy or a key attribute (reasons in the body)',
  404: 'Not found',
  409: 'Conflict',
  422: 'The partition is full',
  500: 'The emulator failed',
  503: 'Unavailable',
};

/** Routes without a cluster behind them: only their shape is read. */
function documentedRoutes(): Route[] {
  const nothing = new Proxy({} as HsmAdmin & HsmClientApi, {
    get: () => () => Promise.reject(new Error('documentation only')),
  });
  return [...adminRoutes(nothing), ...clientRoutes(nothing)];
}

function response(status: number, schema: string): Json {
  const known = schema in RESPONSE_SCHEMAS;
  return {
    description: STATUS_TEXT[status] ?? String(status),
    ...(known ? { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } } : {}),
  };
}

function queryParameters(schema: z.ZodType): Json[] {
  const json = fromZod(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
    ...(['policy', 'deviatesFrom', 'ids', 'keyIds'].includes(name) ? { description: 'JSON-encoded (e.g. `{"keyExport":true}` or `["a","b"]`)' } : {}),
  }));
}

function operation(route: Route): Json {
  const pathParams = route.path
    .split('/')
    .filter((s) => s.startsWith(':'))
    .map((s) => ({
      name: s.slice(1),
      in: 'path',
      required: true,
      schema: s === ':policy' ? { type: 'string', enum: [...POLICY_IDS] } : { type: 'string', maxLength: 200 },
    }));
  const idempotency =
    route.kind === 'read'
      ? []
      : [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: route.kind === 'admin-mutation',
            schema: { type: 'string', minLength: 8, maxLength: 300 },
            description:
              route.kind === 'admin-mutation'
                ? 'One per change: the cluster stores the result with the change, and a request repeating the key gets that result without changing anything again.'
                : 'Optional: the server stores its answer under the key and replays it to a repeat.',
          },
        ];
  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.responses)) responses[status] = response(Number(status), schema);
  for (const status of [400, 401, 500, 503]) responses[String(status)] ??= response(status, 'Error');
  if (route.path.includes('/keys')) {
    responses['403'] ??= response(403, 'Error');
    responses['404'] ??= response(404, 'Error');
  }
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/\/:?([a-z-]+)/gi, (_, p: string) => p[0]?.toUpperCase() + p.slice(1).replace(/-./g, (m) => (m[1] ?? '').toUpperCase()))}`,
    summary: route.summary,
    tags: [route.path.includes('/keys') || route.path.includes('session-objects') ? 'client' : 'admin'],
    'x-kind': route.kind,
    parameters: [...pathParams, ...queryParameters(route.query), ...idempotency],
    ...(route.body === NO_BODY ? {} : { requestBody: { required: true, content: { 'application/json': { schema: fromZod(route.body) } } } }),
    responses,
  };
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of documentedRoutes()) {
    const path = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  paths['/__faults'] = {
    get: { operationId: 'getFaults', summary: 'Test mode only: the fault rules and what fired.', tags: ['test mode'], responses: { 200: response(200, 'FaultState'), 404: response(404, 'Error') } },
    post: {
      operationId: 'postFaults',
      summary:
        'Test mode only (`--test-mode`, loopback only): adds fault rules. delay: wait `ms`, then handle; 5xx: answer `status` without handling; reset: destroy the connection; timeout: never answer; commit-then-drop: handle (commit), then reset or hang.',
      tags: ['test mode'],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/FaultRules' } } } },
      responses: { 201: { description: 'Created' }, 400: response(400, 'Error'), 404: response(404, 'Error') },
    },
    delete: { operationId: 'deleteFaults', summary: 'Test mode only: clears every rule and record.', tags: ['test mode'], responses: { 200: response(200, 'FaultState'), 404: response(404, 'Error') } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'HSM cluster emulator',
      version: '1',
      description:
        'The Partition Console’s HSM cluster emulator as its own service (`npm run hsm-emulator`). Admin face: partitions, policies with versions, keys, bin, capacity, report signing. Client face: what PKCS#11/JCE/REST applications call, enforced by the partition policies. Every route needs `Authorization: Bearer <token>`. Errors: `{ code, error, reasons }` with the HsmError code as status (400 INVALID_REQUEST, 403 DENIED, 404 NOT_FOUND, 409 LABEL_CONFLICT, 422 CAPACITY_EXCEEDED, 503 UNAVAILABLE).',
    },
    servers: [{ url: 'http://127.0.0.1:4100' }],
    security: [{ bearer: [] }],
    tags: [{ name: 'admin' }, { name: 'client' }, { name: 'test mode' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: RESPONSE_SCHEMAS,
    },
  };
}
