import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { createReportAction } from '@/lib/actions/create-report';
import { purgeKeysAction } from '@/lib/actions/purge-keys';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { saveBaselineAction } from '@/lib/actions/save-baseline';
import { runWithSession } from '@/lib/auth/current';
import type { Result } from '@/lib/services/result';
import { reportJob } from '@/lib/services/report-job';
import { AttackLog } from '../support/attack-log';
import { applyEdits, formEdits, randomRecord, runs } from '../support/arbitraries';
import { binSnapshot } from '../support/bin';
import { makePartition, makeTenant, makeUser, testContext, uniqueId, type TestUser } from '../support/context';
import { storeSnapshot } from '../support/store';

/**
 * Random and malformed input through the real server actions, as a security officer (who may call
 * all of them): never a throw or a server error, and never a change from input that was refused.
 */
type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;
let officer: TestUser;
const log = new AttackLog('bad-input-actions');
const RUNS = runs(15);

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
  officer = await makeUser(ctx, 'security_officer', tenant);
});
afterAll(async () => {
  log.write();
  await ctx.db.close();
});

type Subject = {
  name: string;
  /** A valid form for this action, and what it could change. */
  setup: () => Promise<{ base: () => Record<string, string>; snapshot: () => Promise<unknown> }>;
  call: (form: FormData) => Promise<Result<unknown, unknown>>;
};

const SUBJECTS: Subject[] = [
  {
    name: 'changePolicyAction',
    setup: async () => {
      const p = await makePartition(ctx, tenant, { policy: { keyExport: true } });
      return {
        base: () => ({ partitionId: p.id, expectedVersion: '1', idempotencyKey: randomUUID(), keyExport: 'false', reason: 'fuzz' }),
        snapshot: () => storeSnapshot(ctx, p.id),
      };
    },
    call: (form) => changePolicyAction(form),
  },
  ...(['restore', 'purge'] as const).map(
    (verb): Subject => ({
      name: `${verb}KeysAction`,
      setup: async () => {
        const label = uniqueId('fuzz');
        const p = await makePartition(ctx, tenant, { keys: [{ label, type: 'AES', size: 128 }] });
        const keyId = p.keyIds[0]?.[0] as string;
        await ctx.hsm.client.deleteKey(p.id, p.clientId, keyId);
        return {
          base: () => ({ idempotencyKey: randomUUID(), keys: `${p.id}/${keyId}`, ...(verb === 'purge' ? { confirmation: label } : {}) }),
          snapshot: () => binSnapshot(ctx, p.id),
        };
      },
      call: (form) => (verb === 'restore' ? restoreKeysAction(form) : purgeKeysAction(form)),
    }),
  ),
  {
    name: 'createReportAction',
    setup: async () => {
      const p = await makePartition(ctx, tenant);
      return {
        base: () => ({ scope: 'partitions', partitionIds: p.id, baseline: 'never-extractable', format: 'csv', timeZone: 'UTC' }),
        snapshot: async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]?.n,
      };
    },
    call: async (form) => {
      const result = await createReportAction(form);
      if (result.ok) await reportJob(result.data.id);
      return result;
    },
  },
  {
    name: 'saveBaselineAction',
    setup: async () => ({
      base: () => ({ keyExport: 'false', keyImport: 'any' }),
      snapshot: async () => (await ctx.db.query('SELECT policy, saved_at FROM report_baselines WHERE tenant_id = $1', [tenant]))[0] ?? null,
    }),
    call: (form) => saveBaselineAction(form),
  },
];

function recordFields(base: Record<string, string>): string[] {
  return Object.keys(base);
}

async function checkOne(subject: Subject, snapshot: () => Promise<unknown>, form: FormData): Promise<void> {
  const before = await snapshot();
  const result = await runWithSession(officer.sessionId, () => subject.call(form));
  // 'failed' is the wrapper's answer to an exception: bad input must never get that far.
  expect(result.ok || result.code !== 'failed', JSON.stringify(result).slice(0, 300)).toBe(true);
  if (!result.ok) expect(await snapshot()).toEqual(before);
}

describe.each(SUBJECTS)('$name', (subject) => {
  it('edits of a valid form (dropped, replaced, forged and duplicated fields): never a server error, never a change when refused', async () => {
    const { base, snapshot } = await subject.setup();
    const fields = recordFields(base());
    await fc.assert(
      fc.asyncProperty(formEdits(fields), async (edits) => checkOne(subject, snapshot, applyEdits(base(), edits))),
      { numRuns: RUNS },
    );
    log.count(
      'Server actions: malformed forms',
      `${SUBJECTS.length} mutating actions x ${RUNS} edited valid forms (NUL, control and lone-surrogate characters, 60 kB values, injection strings, forged role/tenant fields)`,
      'never a throw or server error; refused input changed nothing',
      RUNS,
    );
  });

  it('random forms: never a server error, never a change when refused', async () => {
    const { base, snapshot } = await subject.setup();
    await fc.assert(
      fc.asyncProperty(randomRecord(recordFields(base())), async (record) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(record)) form.append(k, v);
        await checkOne(subject, snapshot, form);
      }),
      { numRuns: RUNS },
    );
    log.count(
      'Server actions: random forms',
      `${SUBJECTS.length} mutating actions x ${RUNS} random forms`,
      'never a throw or server error; refused input changed nothing',
      RUNS,
    );
  });
});
