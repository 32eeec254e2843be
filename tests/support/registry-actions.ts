import { changePolicyAction } from '@/lib/actions/change-policy';
import { createReportAction } from '@/lib/actions/create-report';
import { pingAction } from '@/lib/actions/ping';
import { purgeKeysAction } from '@/lib/actions/purge-keys';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { saveBaselineAction } from '@/lib/actions/save-baseline';
import { runWithSession } from '@/lib/auth/current';
import type { Result } from '@/lib/services/result';
import { reportJob } from '@/lib/services/report-job';
import { binForm, binSnapshot } from './bin';
import { makePartition, uniqueId } from './context';
import type { Principal } from './authz-world';
import { policyForm } from './forms';
import { reportForm } from './reports';
import type { Observed, RegistryEntry } from './registry-types';
import { storeSnapshot } from './store';

const REFUSALS = new Set(['unauthenticated', 'forbidden', 'not-found']);

function observe(result: Result<unknown, unknown>): Observed {
  return {
    allowed: result.ok,
    refused: !result.ok && REFUSALS.has(result.code),
    detail: result.ok ? 'ok' : `${result.code}: ${result.error}`,
  };
}

function as<T>(principal: Principal | null, fn: () => Promise<T>): Promise<T> {
  return runWithSession(principal?.user.sessionId ?? null, fn);
}

/** Every server action in lib/actions/, with a valid input for the target tenant and a probe of what it would change. */
export const ACTION_ENTRIES: readonly RegistryEntry[] = [
  {
    name: 'changePolicyAction',
    file: 'lib/actions/change-policy.ts',
    exportName: 'changePolicyAction',
    rule: 'policy.change',
    scoping: 'target',
    logActions: ['changePolicy', 'policy.change'],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId, { policy: { keyExport: true } });
      // Valid for the role: support may only take a partition offline (with its confirmation and a
      // ticket); everyone else asks for a safe change (partition admins may make only those).
      const form =
        principal?.role === 'support'
          ? policyForm({ partitionId: p.id, expectedVersion: 1, clientApiAccess: 'false', confirm: 'outage', reason: 'authz matrix', typedName: p.name, ticket: 'SUP-1' })
          : policyForm({ partitionId: p.id, expectedVersion: 1, keyExport: 'false' });
      return {
        call: async () => observe(await as(principal, () => changePolicyAction(form))),
        snapshot: () => storeSnapshot(world.ctx, p.id),
      };
    },
  },
  ...(['restore', 'purge'] as const).map(
    (verb): RegistryEntry => ({
      name: `${verb}KeysAction`,
      file: `lib/actions/${verb}-keys.ts`,
      exportName: `${verb}KeysAction`,
      rule: 'bin.manage',
      scoping: 'target',
      logActions: [`${verb}Keys`, `bin.${verb}`],
      async prepare(world, tenantId, principal) {
        const label = uniqueId('binned');
        const p = await makePartition(world.ctx, tenantId, { keys: [{ label, type: 'AES', size: 256 }] });
        const keyId = p.keyIds[0]?.[0] as string;
        await world.ctx.hsm.client.deleteKey(p.id, p.clientId, keyId);
        const form = binForm([{ partitionId: p.id, keyId }], verb === 'purge' ? { confirmation: label } : {});
        const action = verb === 'restore' ? restoreKeysAction : purgeKeysAction;
        return {
          call: async () => observe(await as(principal, () => action(form))),
          snapshot: () => binSnapshot(world.ctx, p.id),
        };
      },
    }),
  ),
  {
    name: 'createReportAction',
    file: 'lib/actions/create-report.ts',
    exportName: 'createReportAction',
    rule: 'report.create',
    scoping: 'target',
    logActions: ['report.create'],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId);
      const reportsOf = async () =>
        (await world.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM reports WHERE scope::text LIKE '%' || $1 || '%'", [p.id]))[0]?.n;
      return {
        call: async () => {
          const result = await as(principal, () => createReportAction(reportForm({ scope: 'partitions', partitionIds: p.id })));
          // Let an accepted report finish before the file closes its store.
          if (result.ok) await reportJob(result.data.id);
          return observe(result);
        },
        snapshot: reportsOf,
      };
    },
  },
  {
    name: 'saveBaselineAction',
    file: 'lib/actions/save-baseline.ts',
    exportName: 'saveBaselineAction',
    rule: 'report.baseline',
    scoping: 'actor-tenant',
    logActions: ['baseline.save'],
    async prepare(world, tenantId, principal) {
      const baselineOf = async () =>
        (await world.ctx.db.query('SELECT policy, saved_by, saved_at FROM report_baselines WHERE tenant_id = $1', [tenantId]))[0] ?? null;
      const form = new FormData();
      form.set('keyExport', 'false');
      // A forged field naming the target tenant: the action must act on the actor's own tenant only.
      form.set('tenantId', tenantId);
      return {
        call: async () => {
          const before = JSON.stringify(await baselineOf());
          const result = await as(principal, () => saveBaselineAction(form));
          const changed = JSON.stringify(await baselineOf()) !== before;
          return { ...observe(result), allowed: result.ok && changed };
        },
        snapshot: baselineOf,
      };
    },
  },
  {
    name: 'pingAction',
    file: 'lib/actions/ping.ts',
    exportName: 'pingAction',
    rule: 'session.use',
    scoping: 'none',
    logActions: ['ping'],
    async prepare(_world, _tenantId, principal) {
      return { call: async () => observe(await as(principal, () => pingAction())), snapshot: async () => null };
    },
  },
];

/** Actions that need a real request (Auth.js reads cookies and headers): proven over HTTP instead. */
export const HTTP_ONLY_ACTIONS: readonly { file: string; exportName: string; covered: string }[] = [
  { file: 'lib/actions/log-in.ts', exportName: 'logInAction', covered: 'tests/e2e/attacks.spec.ts (rate limits, forged addresses) and tests/integration/login-limit.test.ts' },
  { file: 'lib/actions/log-out.ts', exportName: 'logOutAction', covered: 'tests/e2e/authorization.spec.ts (the old cookie no longer opens the console)' },
  { file: 'lib/actions/log-in-sso.ts', exportName: 'logInWithSsoAction', covered: 'tests/e2e/sso.spec.ts (only pre-provisioned subjects)' },
];
