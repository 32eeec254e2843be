import { randomUUID } from 'node:crypto';
import { HsmError, isHsmError } from '../types';
import { errorFromResponse } from '../rest/errors';
import { exchange } from './exchange';

/**
 * One HTTP exchange with the cluster (lib/hsm/http/exchange.ts): a timeout on every request
 * (AbortSignal.timeout), retries with backoff for reads only, and an Idempotency-Key on every
 * mutation, sent on a connection of its own. Whatever leaves the caller
 * unsure (no answer, a reset, a timeout, a 5xx, an unreadable body) is HsmError('UNAVAILABLE').
 */

export type TransportOptions = {
  url: string;
  token: string;
  /** Per attempt, in milliseconds (default 5000). */
  timeoutMs?: number;
  /** Attempts for a read (default 3: the first and two retries). */
  readAttempts?: number;
  /** First backoff before a read's retry, doubled each time with jitter (default 100 ms). */
  backoffMs?: number;
};

export type Reply = { status: number; body: unknown };

type Call = {
  method: string;
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  idempotencyKey?: string;
  /** Non-2xx statuses whose body is a result, not an error (e.g. 409 for a version conflict). */
  accept?: readonly number[];
};

export class HsmTransport {
  private readonly base: string;
  readonly timeoutMs: number;
  private readonly readAttempts: number;
  private readonly backoffMs: number;
  /** Attempts made and retries taken, for tests and the load figures. */
  readonly counters = { attempts: 0, readRetries: 0, lastRetryReason: '' };

  constructor(private readonly options: TransportOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.readAttempts = Math.max(1, options.readAttempts ?? 3);
    this.backoffMs = options.backoffMs ?? 100;
  }

  /** A read: retried on UNAVAILABLE; other refusals (404, 403, 400) are answers, not retried. */
  async read(method: 'GET' | 'POST', path: string, options: { query?: URLSearchParams; body?: unknown; attempts?: number; timeoutMs?: number } = {}): Promise<Reply> {
    const attempts = options.attempts ?? this.readAttempts;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once({ method, path, query: options.query, body: options.body }, options.timeoutMs);
      } catch (error) {
        if (!isHsmError(error) || error.code !== 'UNAVAILABLE' || attempt >= attempts) throw error;
        this.counters.readRetries += 1;
        this.counters.lastRetryReason = error.message;
        const wait = this.backoffMs * 2 ** (attempt - 1);
        await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * (wait / 2)));
      }
    }
  }

  /** A mutation: exactly one attempt, never retried here. The caller retries with the same key. */
  mutate(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: URLSearchParams; body?: unknown; idempotencyKey?: string; accept?: readonly number[] } = {},
  ): Promise<Reply> {
    return this.once({ method, path, ...options, idempotencyKey: options.idempotencyKey ?? randomUUID() });
  }

  private async once(call: Call, timeoutMs = this.timeoutMs): Promise<Reply> {
    this.counters.attempts += 1;
    const query = call.query && [...call.query.keys()].length > 0 ? `?${call.query.toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await exchange({
        url: new URL(`${this.base}${call.path}${query}`),
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        timeoutMs,
        connection: call.idempotencyKey ? 'fresh' : 'pooled',
      }));
    } catch (error) {
      throw unavailable(error, timeoutMs);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new HsmError('UNAVAILABLE', `The HSM answered ${status} with an unreadable body.`);
    }
    if ((status >= 200 && status < 300) || call.accept?.includes(status)) return { status, body };
    throw errorFromResponse(status, body);
  }
}

function unavailable(error: unknown, timeoutMs: number): HsmError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new HsmError('UNAVAILABLE', `The HSM did not answer within ${timeoutMs} ms.`);
  const code = error instanceof Error ? (error as Error & { code?: string }).code : undefined;
  return new HsmError('UNAVAILABLE', `The HSM could not be reached (${code ?? (error instanceof Error ? error.message : 'no answer')}).`);
}
