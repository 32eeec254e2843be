import { z } from 'zod';

/**
 * Test-mode fault injection (POST /__faults). Each rule matches requests by method and path
 * substring and fires `count` times (forever when absent):
 *   delay            wait `ms`, then handle the request normally (commits late, answers late)
 *   5xx              answer `status` (default 503) without handling the request
 *   reset            destroy the connection without handling the request
 *   timeout          never answer and never handle the request
 *   commit-then-drop handle the request (a mutation commits), then `drop` the answer: reset the
 *                    connection (default) or hang without answering
 */

export const FAULT_MODES = ['delay', '5xx', 'reset', 'timeout', 'commit-then-drop'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export const FaultRuleSchema = z.strictObject({
  mode: z.enum(FAULT_MODES),
  ms: z.number().int().min(0).max(120_000).optional(),
  status: z.number().int().min(500).max(599).optional(),
  count: z.number().int().min(1).max(1_000_000).optional(),
  drop: z.enum(['reset', 'hang']).optional(),
  match: z
    .strictObject({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
      path: z.string().min(1).max(300).optional(),
    })
    .optional(),
});

export type FaultRule = z.output<typeof FaultRuleSchema>;

export const FaultsBody = z.union([FaultRuleSchema, z.strictObject({ rules: z.array(FaultRuleSchema).max(50) })]);

type ActiveRule = FaultRule & { id: number; remaining: number | null; fired: number };

export type FaultHit = { rule: number; mode: FaultMode; method: string; path: string };

/** Rules, and a record of what fired and what was served, for tests to assert on. */
export class FaultBoard {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  readonly hits: FaultHit[] = [];
  /** Every request the server saw (bounded), `METHOD path`. */
  readonly requests: string[] = [];

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, remaining: rule.count ?? null, fired: 0 });
    return id;
  }

  clear(): void {
    this.rules = [];
    this.hits.length = 0;
    this.requests.length = 0;
  }

  record(method: string, path: string): void {
    this.requests.push(`${method} ${path}`);
    if (this.requests.length > 10_000) this.requests.splice(0, 1_000);
  }

  /** The first rule that matches, counted as fired; null when none does. */
  take(method: string, path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.match?.method && rule.match.method !== method) continue;
      if (rule.match?.path && !path.includes(rule.match.path)) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.fired += 1;
      this.hits.push({ rule: rule.id, mode: rule.mode, method, path });
      if (this.hits.length > 10_000) this.hits.splice(0, 1_000);
      return rule;
    }
    return null;
  }

  state() {
    return {
      rules: this.rules.map(({ id, mode, ms, status, count, drop, match, remaining, fired }) => ({ id, mode, ms, status, count, drop, match, remaining, fired })),
      hits: this.hits.length,
      requests: this.requests.length,
    };
  }
}
