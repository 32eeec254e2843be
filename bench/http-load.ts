/**
 * A small loopback HTTP load loop (node:http, keep-alive): N clients, each sending its next request as
 * soon as the previous answer is fully read. Bounded by a request count and a duration.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { summarize, type Summary } from './stats';

export type HttpRequest = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: Buffer | string };

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** The body as text, gunzipped when the server compressed it. */
export function textOf(response: HttpResponse): string {
  const gzipped = response.headers['content-encoding'] === 'gzip';
  return (gzipped ? gunzipSync(response.body) : response.body).toString('utf8');
}

export class LoopbackClient {
  private readonly agent: http.Agent;

  constructor(
    readonly port: number,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  send(request: HttpRequest, timeoutMs = 120_000): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: request.method,
          path: request.path,
          agent: this.agent,
          headers: { 'accept-encoding': 'gzip', ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${request.method} ${request.path}`)));
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  }

  /** Sends and times one request (milliseconds, until the whole body is read). */
  async timed(request: HttpRequest): Promise<{ response: HttpResponse; ms: number }> {
    const started = performance.now();
    const response = await this.send(request);
    return { response, ms: performance.now() - started };
  }

  close(): void {
    this.agent.destroy();
  }
}

export type LoadOptions = {
  concurrency: number;
  /** Stop after this many measured requests in all… */
  requests: number;
  /** …or after this long, whichever comes first. */
  maxMs: number;
  /** Unmeasured requests sent first (one client), so the first compile of a route is not measured. */
  warmup?: number;
  next: (index: number) => HttpRequest | Promise<HttpRequest>;
  /** Names each answer's outcome ('ok' unless told): only 'ok' answers count in the latency. */
  classify?: (response: HttpResponse, request: HttpRequest) => string | Promise<string>;
};

export type LoadResult = {
  concurrency: number;
  latency: Summary;
  outcomes: Record<string, number>;
  seconds: number;
  perSecond: number;
  /** The 'ok' latencies themselves (left out of the saved results). */
  samples: number[];
};

/** Several runs of one kind of request as one result (the bench interleaves kinds in rounds). */
export function mergeLoads(loads: readonly LoadResult[]): LoadResult {
  const samples = loads.flatMap((l) => l.samples);
  const outcomes: Record<string, number> = {};
  for (const load of loads) for (const [name, n] of Object.entries(load.outcomes)) outcomes[name] = (outcomes[name] ?? 0) + n;
  const seconds = loads.reduce((sum, l) => sum + l.seconds, 0);
  const answered = Object.values(outcomes).reduce((total, n) => total + n, 0);
  return {
    concurrency: loads[0]?.concurrency ?? 0,
    latency: summarize(samples),
    outcomes,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round((answered / seconds) * 10) / 10,
    samples,
  };
}

const defaultClassify = (response: HttpResponse) => (response.status === 200 ? 'ok' : `http ${response.status}`);

export async function runLoad(client: LoopbackClient, options: LoadOptions): Promise<LoadResult> {
  const classify = options.classify ?? defaultClassify;
  let index = 0;
  for (let i = 0; i < (options.warmup ?? 0); i++) await client.send(await options.next(index++));
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const count = (name: string) => {
    outcomes[name] = (outcomes[name] ?? 0) + 1;
  };
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.maxMs;
  const worker = async () => {
    while (sent < options.requests && performance.now() < deadline) {
      sent++;
      const request = await options.next(index++);
      try {
        const { response, ms } = await client.timed(request);
        const outcome = await classify(response, request);
        count(outcome);
        if (outcome === 'ok') latencies.push(ms);
      } catch (error) {
        count(`transport error: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const answered = Object.values(outcomes).reduce((total, n) => total + n, 0);
  return {
    concurrency: options.concurrency,
    latency: summarize(latencies),
    outcomes,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round((answered / seconds) * 10) / 10,
    samples: latencies,
  };
}
