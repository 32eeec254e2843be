import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP request and its whole answer, bounded by `timeoutMs` (AbortSignal.timeout aborts it in
 * any phase: connecting, sending, waiting, reading). Reads share a keep-alive pool. A mutation gets
 * a connection of its own: on a reused idle connection the server may close its end just as the
 * request goes out, which looks exactly like "sent, no answer", and a change would be recorded as
 * unknown for nothing. A fresh connection refused or reset before any byte of the answer is the
 * only kind of silence left, and that one is real.
 */
export type Exchange = { status: number; text: string };

/**
 * Idle pooled sockets are dropped after 4 s (`timeout` only ends free sockets; requests have their own
 * deadline), well before the emulator drops them (65 s): the client, not the server, ends an idle connection.
 */
const IDLE_MS = 4_000;
const pooled = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32, timeout: IDLE_MS }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32, timeout: IDLE_MS }),
};
const fresh = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

export function exchange(options: {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  connection: 'pooled' | 'fresh';
}): Promise<Exchange> {
  const secure = options.url.protocol === 'https:';
  const agents = options.connection === 'pooled' ? pooled : fresh;
  const headers = { ...options.headers, ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }) };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      options.url,
      { method: options.method, headers, agent: secure ? agents.https : agents.http, signal: AbortSignal.timeout(options.timeoutMs) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('the answer was cut off')));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
