import { createHash } from 'node:crypto';
import type { Queryable } from '@/lib/db/driver';
import { HsmError } from '../types';
import type { Answer } from './router';

/**
 * Idempotency for client-API mutations (create, import, unwrap, modify, delete, session objects):
 * the answer to a request carrying an Idempotency-Key is stored in hsm.idempotency under
 * `http:<key>`, with a fingerprint of the request; a repeat gets the stored answer, and a repeat
 * while the first is still running waits for it. The answer is stored right after the cluster's own
 * transaction, not inside it: a crash between the two could let one repeat apply again. The
 * console's changes (policies, restore, purge) do not depend on this: the cluster stores their
 * results in the same transaction as the change.
 */
export class ClientReplay {
  private readonly inFlight = new Map<string, { fingerprint: string; answer: Promise<Answer> }>();

  constructor(private readonly db: Queryable) {}

  async run(key: string, request: { method: string; path: string; body: unknown }, handle: () => Promise<Answer>): Promise<Answer> {
    const fingerprint = createHash('sha256').update(`${request.method} ${request.path} ${JSON.stringify(request.body ?? null)}`).digest('hex');
    const storeKey = `http:${key}`;
    const running = this.inFlight.get(storeKey);
    if (running) {
      if (running.fingerprint !== fingerprint) throw reused();
      return running.answer;
    }
    const answer = this.once(storeKey, `client:${fingerprint}`, handle);
    this.inFlight.set(storeKey, { fingerprint, answer });
    try {
      return await answer;
    } finally {
      this.inFlight.delete(storeKey);
    }
  }

  private async once(storeKey: string, operation: string, handle: () => Promise<Answer>): Promise<Answer> {
    const [stored] = await this.db.query<{ operation: string; result: Answer }>('SELECT operation, result FROM hsm.idempotency WHERE key = $1', [
      storeKey,
    ]);
    if (stored) {
      if (stored.operation !== operation) throw reused();
      return stored.result;
    }
    const answer = await handle();
    // 5xx answers are not stored: the caller may try again.
    if (answer.status < 500) {
      await this.db.query('INSERT INTO hsm.idempotency (key, operation, result) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
        storeKey,
        operation,
        JSON.stringify(answer),
      ]);
    }
    return answer;
  }
}

function reused(): HsmError {
  return new HsmError('INVALID_REQUEST', 'This Idempotency-Key was already used for a different request.');
}
