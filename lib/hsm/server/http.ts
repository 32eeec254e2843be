import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HsmEmulator } from '../emulator';
import { isHsmError } from '../types';
import { IdempotencyKey } from '../rest/bodies';
import { errorBody, STATUS_OF_CODE } from '../rest/errors';
import { adminRoutes } from './admin-routes';
import { bearerMatches } from './auth';
import { clientRoutes } from './client-routes';
import { FaultBoard, type FaultRule } from './faults';
import { faultControl } from './fault-control';
import { ClientReplay } from './replay';
import { BadRequest, matchRoute, sortRoutes, type Answer, type Route } from './router';

/**
 * The emulator as its own service: node:http, bearer token on every route, zod on every input,
 * HsmError codes as HTTP statuses (lib/hsm/rest/errors.ts). In test mode it also serves /__faults.
 */

export type EmulatorServerOptions = {
  emulator: HsmEmulator;
  token: string;
  port?: number;
  /** Loopback by default. Test mode refuses any other address. */
  host?: string;
  testMode?: boolean;
  /** One line per request when given. */
  log?: (line: string) => void;
};

export type EmulatorServer = {
  url: string;
  port: number;
  /** Test mode only (null otherwise): the fault rules and what fired. */
  faults: FaultBoard | null;
  /** Requests being handled right now (a delayed mutation may still commit after its caller gave up). */
  inFlight(): number;
  /** Resolves when no request is being handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const MAX_BODY = 2 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

class TooLarge extends Error {}

function send(res: ServerResponse, answer: Answer, extra: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(answer.body ?? null);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new TooLarge();
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('The body is not JSON.');
  }
}

/** A route's answer, with refusals turned into their status and body (stored as such by replays). */
async function answerOf(run: () => Promise<Answer>, log: (line: string) => void): Promise<Answer> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BadRequest) return { status: 400, body: { code: 'INVALID_REQUEST', error: error.message } };
    if (isHsmError(error)) return { status: STATUS_OF_CODE[error.code], body: errorBody(error) };
    log(`[hsm-emulator] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { status: 500, body: { code: 'INTERNAL', error: 'The emulator failed.' } };
  }
}

function idempotencyKeyOf(req: IncomingMessage, route: Route): string | null {
  const header = req.headers['idempotency-key'];
  const value = Array.isArray(header) ? null : (header ?? null);
  if (value === null) {
    if (route.kind === 'admin-mutation') throw new BadRequest('An Idempotency-Key header is required on this route.');
    return null;
  }
  if (!IdempotencyKey.safeParse(value).success) throw new BadRequest('Invalid Idempotency-Key header (8-300 printable ASCII characters).');
  return value;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.testMode && !LOOPBACK.has(host)) throw new Error('Test mode (fault injection) listens on loopback only.');
  if (options.token.length < 16) throw new Error('The bearer token must be at least 16 characters.');
  const log = options.log ?? ((line: string) => console.error(line));
  const routes = sortRoutes([...adminRoutes(options.emulator.admin), ...clientRoutes(options.emulator.client)]);
  const replay = new ClientReplay(options.emulator.db);
  const faults = options.testMode ? new FaultBoard() : null;
  let running = 0;
  let waiters: (() => void)[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator');
    } catch {
      return send(res, { status: 400, body: { code: 'INVALID_REQUEST', error: 'Invalid URL.' } });
    }
    if (!bearerMatches(req.headers.authorization, options.token)) {
      return send(res, { status: 401, body: { code: 'UNAUTHORIZED', error: 'A valid bearer token is required.' } }, { 'www-authenticate': 'Bearer' });
    }
    if (url.pathname === '/__faults') {
      const body = await readBody(req).catch(() => null);
      return send(res, faultControl(faults, method, body));
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof TooLarge) return send(res, { status: 413, body: { code: 'INVALID_REQUEST', error: 'The body is too large.' } }, { connection: 'close' });
      return send(res, { status: 400, body: { code: 'INVALID_REQUEST', error: error instanceof Error ? error.message : 'Bad body.' } });
    }
    // Faults act once the request has arrived, as a slow or failing server would: a delayed
    // request is still carried out after its caller gave up.
    faults?.record(method, url.pathname);
    const fault: FaultRule | null = faults?.take(method, url.pathname) ?? null;
    if (fault?.mode === 'delay') await sleep(fault.ms ?? 1000);
    if (fault?.mode === '5xx') return send(res, { status: fault.status ?? 503, body: { code: 'UNAVAILABLE', error: 'Injected fault.' } });
    if (fault?.mode === 'reset') return void req.socket.destroy();
    if (fault?.mode === 'timeout') return; // never answered; the caller gives up
    const answer = await answerOf(async () => {
      const matched = matchRoute(routes, method, url.pathname);
      if ('error' in matched) {
        return { status: matched.error, body: { code: 'NOT_FOUND', error: matched.error === 404 ? 'No such route.' : 'Method not allowed.' } };
      }
      const { route, params } = matched;
      const key = idempotencyKeyOf(req, route);
      const request = { params, query: url.searchParams, body, idempotencyKey: key };
      if (route.kind === 'client-mutation' && key) {
        return replay.run(key, { method, path: url.pathname, body }, () => answerOf(() => route.handle(request), log));
      }
      return route.handle(request);
    }, log);
    if (fault?.mode === 'commit-then-drop') {
      if (fault.drop !== 'hang') req.socket.destroy();
      return; // committed, and the caller never hears so
    }
    send(res, answer);
  }

  const server = createServer((req, res) => {
    running += 1;
    const started = Date.now();
    serve(req, res)
      .catch((error: unknown) => {
        log(`[hsm-emulator] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(res, { status: 500, body: { code: 'INTERNAL', error: 'The emulator failed.' } });
      })
      .finally(() => {
        running -= 1;
        if (options.log) options.log(`${req.method} ${req.url?.split('?')[0]} ${res.headersSent ? res.statusCode : '-'} ${Date.now() - started}ms`);
        if (running === 0) {
          const ready = waiters;
          waiters = [];
          for (const resolve of ready) resolve();
        }
      });
  });
  // Longer than any client's idle timeout (the http backend drops idle sockets after 4 s), so a
  // request never meets a connection the server is just closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    faults,
    inFlight: () => running,
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
