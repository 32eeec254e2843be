/**
 * Policy changes as a security officer's browser submits them, against the bench's own view of each
 * partition (version and values), which it keeps from the answers: an applied change gives the new
 * version and policies, a conflict names the changes since.
 */
import { randomUUID } from 'node:crypto';
import { riskOf } from '@/lib/policy';
import { actionResult, formActionRequest, type ActionCall, type ActionResult } from './actions';
import type { HttpRequest, HttpResponse } from './http-load';
import { CHANGED_POLICIES, type ChangedPolicy } from './scenarios';

export type PartitionState = { id: string; name: string; version: number; policy: Record<ChangedPolicy, boolean> };

export type Submission = { partitionId: string; policy: ChangedPolicy; value: boolean; idempotencyKey: string };

type Applied = { version: number; policy: Partial<Record<string, boolean>> };
type Conflict = { currentVersion: number; changes: { policy: string; to: boolean; version: number }[] };

export class ChangeBook {
  readonly states: Map<string, PartitionState>;
  readonly startVersions: Record<string, number>;
  readonly applied: (Submission & { version: number })[] = [];
  readonly keys: string[] = [];
  private readonly pending = new Map<string, Submission>();

  constructor(
    partitions: readonly PartitionState[],
    private readonly call: ActionCall,
  ) {
    this.states = new Map(partitions.map((p) => [p.id, { ...p, policy: { ...p.policy } }]));
    this.startVersions = Object.fromEntries(partitions.map((p) => [p.id, p.version]));
  }

  get ids(): string[] {
    return [...this.states.keys()];
  }

  /** Flips one policy of the partition; non-safe directions carry the confirmation the server asks for. */
  request(partitionId: string, policy: ChangedPolicy): HttpRequest {
    const state = this.states.get(partitionId);
    if (!state) throw new Error(`unknown partition ${partitionId}`);
    const from = state.policy[policy];
    const value = !from;
    const risk = riskOf(policy, from, value);
    const idempotencyKey = randomUUID();
    const form: Record<string, string> = {
      partitionId,
      expectedVersion: String(state.version),
      idempotencyKey,
      [policy]: String(value),
    };
    if (risk !== 'safe') {
      form.confirm = risk;
      form.reason = 'npm run bench: sustained policy changes';
    }
    const request = formActionRequest({ ...this.call, page: `/partitions/${encodeURIComponent(partitionId)}` }, form);
    this.keys.push(idempotencyKey);
    this.pending.set(idempotencyKey, { partitionId, policy, value, idempotencyKey });
    return { ...request, headers: { ...request.headers, 'x-bench-submission': idempotencyKey } };
  }

  /** Reads the answer: 'ok' (applied), 'conflict', 'stale' (already set by another client), or an error. */
  settle(request: HttpRequest, response: HttpResponse): string {
    const key = request.headers?.['x-bench-submission'] ?? '';
    const submission = this.pending.get(key);
    this.pending.delete(key);
    if (!submission) return 'error: unknown submission';
    const result: ActionResult | null = actionResult(response);
    if (!result) return `error: http ${response.status}`;
    const state = this.states.get(submission.partitionId) as PartitionState;
    if (result.ok) {
      const data = result.data as Applied;
      this.applied.push({ ...submission, version: data.version });
      if (data.version > state.version) {
        state.version = data.version;
        for (const policy of CHANGED_POLICIES) {
          const value = data.policy[policy];
          if (typeof value === 'boolean') state.policy[policy] = value;
        }
      }
      return 'ok';
    }
    if (result.code === 'conflict') {
      const details = result.details as Conflict | undefined;
      if (details && details.currentVersion > state.version) {
        for (const change of [...details.changes].sort((a, b) => a.version - b.version)) {
          if ((CHANGED_POLICIES as readonly string[]).includes(change.policy)) state.policy[change.policy as ChangedPolicy] = change.to;
        }
        state.version = details.currentVersion;
      }
      return 'conflict';
    }
    // The client's view was current, yet the policy already had that value (another client's change
    // of the same version it had not seen applied yet): "already …". A stale form with an older
    // version is a conflict above, naming the change.
    if (result.code === 'invalid' && /already/.test(result.error)) {
      state.policy[submission.policy] = submission.value;
      return 'stale';
    }
    return `error: ${result.code}: ${result.error}`.slice(0, 120);
  }
}
