import * as emulatorKeys from '@/app/api/emulator/v1/partitions/[id]/keys/route';
import * as emulatorOperation from '@/app/api/emulator/v1/partitions/[id]/keys/[keyId]/[operation]/route';
import * as health from '@/app/api/health/route';
import * as partition from '@/app/api/partitions/[id]/route';
import * as reportDownload from '@/app/api/reports/[id]/download/route';
import * as reportSignature from '@/app/api/reports/[id]/signature/route';
import * as reportPartitions from '@/app/api/reports/partitions/route';
import * as reports from '@/app/api/reports/route';
import * as signingKey from '@/app/api/reports/signing-key/route';
import { runWithSession } from '@/lib/auth/current';
import type { AuthzWorld, Target } from './authz-world';
import { makePartition } from './context';
import type { Observed, RegistryEntry } from './registry-types';
import { storeSnapshot } from './store';

const BASE = 'http://console.test';

function params<T>(value: T): { params: Promise<T> } {
  return { params: Promise.resolve(value) };
}

async function observe(response: Response, found?: (body: string) => boolean): Promise<Observed> {
  const body = await response.text();
  const refused = [401, 403, 404].includes(response.status);
  const allowed = response.status === 200 && (found ? found(body) : true);
  return { allowed, refused, detail: `HTTP ${response.status} ${body.slice(0, 120)}` };
}

function targetOf(world: AuthzWorld, tenantId: string): Target {
  return world.tenants.own === tenantId ? 'own' : 'foreign';
}

async function reportAuditRows(world: AuthzWorld, reportId: string) {
  const [row] = await world.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_audit WHERE report_id = $1', [reportId]);
  return row?.n ?? 0;
}

/** Every route handler under app/api, called in-process with a Request, as the principal. */
export const ROUTE_ENTRIES: readonly RegistryEntry[] = [
  {
    name: 'GET /api/partitions/{id}',
    file: 'app/api/partitions/[id]/route.ts',
    exportName: 'GET',
    rule: 'partition.status',
    scoping: 'target',
    logActions: ['readPartition'],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId);
      return {
        call: async () =>
          observe(await runWithSession(principal?.user.sessionId ?? null, () => partition.GET(new Request(`${BASE}/api/partitions/${p.id}`), params({ id: p.id })))),
        snapshot: () => storeSnapshot(world.ctx, p.id),
      };
    },
  },
  {
    name: 'GET /api/reports',
    file: 'app/api/reports/route.ts',
    exportName: 'GET',
    rule: 'report.read',
    scoping: 'listing',
    logActions: ['report.list'],
    async prepare(world, tenantId, principal) {
      const id = world.reports[targetOf(world, tenantId)];
      return {
        call: async () => observe(await runWithSession(principal?.user.sessionId ?? null, () => reports.GET()), (body) => body.includes(id)),
        snapshot: () => reportAuditRows(world, id),
      };
    },
  },
  {
    name: 'GET /api/reports/partitions?q=',
    file: 'app/api/reports/partitions/route.ts',
    exportName: 'GET',
    rule: 'report.create',
    scoping: 'listing',
    logActions: ['report.partition-search'],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId);
      const url = `${BASE}/api/reports/partitions?q=${encodeURIComponent(p.name)}`;
      return {
        call: async () =>
          observe(await runWithSession(principal?.user.sessionId ?? null, () => reportPartitions.GET(new Request(url))), (body) => body.includes(p.id)),
        snapshot: () => storeSnapshot(world.ctx, p.id),
      };
    },
  },
  ...([
    ['download', reportDownload.GET, 'report.download'],
    ['signature', reportSignature.GET, 'report.signature'],
  ] as const).map(
    ([what, handler, logAction]): RegistryEntry => ({
      name: `GET /api/reports/{id}/${what}`,
      file: `app/api/reports/[id]/${what}/route.ts`,
      exportName: 'GET',
      rule: 'report.read',
      scoping: 'target',
      logActions: [logAction],
      async prepare(world, tenantId, principal) {
        const id = world.reports[targetOf(world, tenantId)];
        return {
          call: async () =>
            observe(await runWithSession(principal?.user.sessionId ?? null, () => handler(new Request(`${BASE}/api/reports/${id}/${what}`), params({ id })))),
          // A served download is audited; a refused one must leave no trace there.
          snapshot: () => reportAuditRows(world, id),
        };
      },
    }),
  ),
  {
    name: 'GET /api/reports/signing-key',
    file: 'app/api/reports/signing-key/route.ts',
    exportName: 'GET',
    rule: 'report.read',
    scoping: 'none',
    logActions: ['report.signing-key'],
    async prepare(_world, _tenantId, principal) {
      return {
        call: async () => observe(await runWithSession(principal?.user.sessionId ?? null, () => signingKey.GET())),
        snapshot: async () => null,
      };
    },
  },
  {
    name: 'GET /api/health',
    file: 'app/api/health/route.ts',
    exportName: 'GET',
    rule: 'public',
    scoping: 'none',
    logActions: [],
    async prepare(_world, _tenantId, principal) {
      return {
        call: async () => observe(await runWithSession(principal?.user.sessionId ?? null, () => health.GET()), (body) => !/tenant|partition|key/i.test(body)),
        snapshot: async () => null,
      };
    },
  },
  // The HSM's own client API (embedded emulator): a console session is worth nothing there; only the bearer token is.
  {
    name: 'GET /api/emulator/v1/partitions/{id}/keys',
    file: 'app/api/emulator/v1/partitions/[id]/keys/route.ts',
    exportName: 'GET',
    rule: 'emulator-bearer',
    scoping: 'target',
    logActions: [],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId, { keys: [{ label: 'k', type: 'AES', size: 256 }] });
      const url = `${BASE}/api/emulator/v1/partitions/${p.id}/keys?clientId=${p.clientId}`;
      return {
        call: async () => observe(await runWithSession(principal?.user.sessionId ?? null, () => emulatorKeys.GET(new Request(url), params({ id: p.id })))),
        snapshot: () => storeSnapshot(world.ctx, p.id),
      };
    },
  },
  {
    name: 'POST /api/emulator/v1/partitions/{id}/keys/{keyId}/{operation}',
    file: 'app/api/emulator/v1/partitions/[id]/keys/[keyId]/[operation]/route.ts',
    exportName: 'POST',
    rule: 'emulator-bearer',
    scoping: 'target',
    logActions: [],
    async prepare(world, tenantId, principal) {
      const p = await makePartition(world.ctx, tenantId, { keys: [{ label: 'k', type: 'EC', size: 256 }] });
      const keyId = p.keyIds[0]?.[0] as string;
      const request = () =>
        new Request(`${BASE}/api/emulator/v1/partitions/${p.id}/keys/${keyId}/sign`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: p.clientId, data: Buffer.from('x').toString('base64') }),
        });
      return {
        call: async () =>
          observe(await runWithSession(principal?.user.sessionId ?? null, () => emulatorOperation.POST(request(), params({ id: p.id, keyId, operation: 'sign' })))),
        snapshot: () => storeSnapshot(world.ctx, p.id),
      };
    },
  },
];

/** Route handlers that need a real request: proven over HTTP. */
export const HTTP_ONLY_ROUTES: readonly { file: string; exportName: string; covered: string }[] = [
  { file: 'app/api/auth/[...nextauth]/route.ts', exportName: 'GET', covered: 'tests/e2e/attacks.spec.ts (session, csrf)' },
  { file: 'app/api/auth/[...nextauth]/route.ts', exportName: 'POST', covered: 'tests/e2e/attacks.spec.ts (a session update claiming a role changes nothing; rate-limited credentials callback)' },
];
