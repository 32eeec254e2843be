import { expect } from 'vitest';
import type { FaultRule } from '@/lib/hsm/server/faults';
import type { HttpTestContext } from './http';
import type { ReliabilityFragment } from './reliability';

/**
 * Every fault the standalone emulator can inject, run against one console mutation at a time. Each
 * case asserts: what the user is told (the change, or "may or may not have been applied", or a clear
 * refusal with nothing changed), that the audit records no success the HSM did not make, and that a
 * retry of the same submission (same idempotency key) applies exactly once.
 */

/**
 * The console's per-request timeout during a faulted submission whose fault is a silence (delay past
 * it, time out, commit and hang): short, so those cases stay fast. Every other request uses the
 * default (5 s), so a slow CI machine does not turn a plain answer into a timeout.
 */
export const FAULT_TIMEOUT_MS = 800;

export type Observed = { kind: 'applied' | 'unknown' | 'refused'; message: string };

export type Target = {
  /** Runs the user's submission, the same form (same idempotency key) every time. */
  submit(): Promise<Observed>;
  /** How many times the HSM carried the change out (0 or 1; 2 would be a double apply). */
  hsmApplied(): Promise<number>;
  audit(): Promise<{ intents: number; applied: number; unknown: number; failed: number }>;
};

export type Mutation = {
  name: string;
  match: NonNullable<FaultRule['match']>;
  prepare(): Promise<Target>;
};

export type FaultCase = {
  name: string;
  /** The rule (without `match`, taken from the mutation), or `down` for a stopped server. */
  rule: Omit<FaultRule, 'match' | 'count'> | 'down';
  /** Whether the HSM has made the change by the time the faulted call is over (`late`: after the caller gave up). */
  commits: boolean;
  first: Observed['kind'];
  /** Retry while the faulted request is still being handled by the HSM. */
  retryAtOnce?: boolean;
  /** The fault is a silence: the faulted submission runs with the short timeout. */
  silent?: boolean;
};

export const FAULT_CASES: FaultCase[] = [
  { name: 'delay 50 ms (under the timeout)', rule: { mode: 'delay', ms: 50 }, commits: true, first: 'applied' },
  { name: 'delay past the timeout (commits late)', rule: { mode: 'delay', ms: 2 * FAULT_TIMEOUT_MS }, commits: true, first: 'unknown', silent: true },
  {
    name: 'delay past the timeout, retried before the late commit',
    rule: { mode: 'delay', ms: 2 * FAULT_TIMEOUT_MS },
    commits: true,
    first: 'unknown',
    retryAtOnce: true,
    silent: true,
  },
  { name: '5xx (503, not carried out)', rule: { mode: '5xx', status: 503 }, commits: false, first: 'unknown' },
  { name: 'connection reset (not carried out)', rule: { mode: 'reset' }, commits: false, first: 'unknown' },
  { name: 'time out (never answered, not carried out)', rule: { mode: 'timeout' }, commits: false, first: 'unknown', silent: true },
  { name: 'commit, then reset the connection', rule: { mode: 'commit-then-drop', drop: 'reset' }, commits: true, first: 'unknown' },
  { name: 'commit, then never answer', rule: { mode: 'commit-then-drop', drop: 'hang' }, commits: true, first: 'unknown', silent: true },
  { name: 'HSM down (connection refused)', rule: 'down', commits: false, first: 'refused' },
];

export async function runFaultCase(h: HttpTestContext, mutation: Mutation, fault: FaultCase, report: ReliabilityFragment): Promise<void> {
  const target = await mutation.prepare();
  if (fault.rule === 'down') await h.stop();
  else await h.fault({ ...fault.rule, count: 1, match: mutation.match });

  const first = fault.silent ? await h.withTimeout(FAULT_TIMEOUT_MS, () => target.submit()) : await target.submit();
  expect(first.kind, first.message).toBe(fault.first);
  if (first.kind === 'unknown') expect(first.message).toMatch(/may or may not/);
  if (first.kind === 'refused') expect(first.message).toMatch(/not answering/i);

  let retry: Observed;
  if (fault.retryAtOnce) {
    await h.clearFaults();
    retry = await target.submit();
    await h.server.idle();
  } else {
    if (fault.rule === 'down') await h.restart();
    await h.server.idle();
    const applied = await target.hsmApplied();
    expect(applied, 'HSM state after the fault').toBe(fault.commits ? 1 : 0);
    const audit = await target.audit();
    // Never a success the user was not told of, and never one the HSM did not make.
    expect(audit.applied).toBe(first.kind === 'applied' ? 1 : 0);
    expect(audit.unknown).toBe(first.kind === 'unknown' ? 1 : 0);
    expect(audit.failed).toBe(0);
    if (first.kind === 'refused') expect(audit.intents).toBe(0);
    await h.clearFaults();
    retry = await target.submit();
  }

  expect(retry.kind, retry.message).toBe('applied');
  await h.server.idle();
  expect(await target.hsmApplied(), 'applied exactly once').toBe(1);
  const final = await target.audit();
  expect(final.applied).toBe(1);
  expect(final.failed).toBe(0);
  expect(final.intents).toBe(1);

  const told = {
    applied: 'told it was applied',
    unknown: 'told it may or may not have applied, submit again',
    refused: 'told the HSM is not answering and nothing changed',
  }[first.kind];
  const hsm = fault.retryAtOnce ? 'HSM commits it late' : fault.commits ? 'HSM applied it' : 'HSM did not apply it';
  const recorded = { applied: 'audit `applied`', unknown: 'audit `unknown`, no success', refused: 'no audit record' }[first.kind];
  const again = first.kind === 'applied' ? 'a resubmit replays it' : 'the retry (same key) applies it';
  report.add({ fault: fault.name, mutation: mutation.name, cases: 1, outcome: `${told}; ${hsm}; ${recorded}; ${again}: applied exactly once` });
}
