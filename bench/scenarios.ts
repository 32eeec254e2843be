/** What the bench asks for: shared by the HTTP load, the query plans and the report. */
import type { PartitionSort } from '@/lib/hsm/types';

export const FLEET = { partitions: 10_000, tenants: 50, keys: 200_000, changes: 100_000 } as const;

/** The tenant whose partitions the bench's security officer changes (fleet tenants hold ~200 each). */
export const BENCH_TENANT = 'fleet-t01';
export const BENCH_PASSWORD = 'demo-password';
export const USERS = {
  /** Sees every tenant: the partitions list across the whole fleet. */
  support: 'support@provider.example',
  /** Changes policies of BENCH_TENANT's partitions (added by bench/prepare-store.ts). */
  officer: 'bench.officer@fleet-t01.example',
  /** Exports the reports. */
  compliance: 'compliance@provider.example',
} as const;

/** The policies the bench flips (never Client API Access or Object Usage: no outage, no typed name). */
export const CHANGED_POLICIES = ['keyExport', 'sessionObjects', 'objectDestruction'] as const;
export type ChangedPolicy = (typeof CHANGED_POLICIES)[number];

/** Partitions list pages, 50 a page: each filtered and sorted (support, across all 10,000). */
export type ListScenario = { label: string; q?: string; tenant?: string; sort: PartitionSort; dir: 'asc' | 'desc' };

export const LIST_SCENARIOS: readonly ListScenario[] = [
  { label: 'search "pay", by keys desc', q: 'pay', sort: 'keys', dir: 'desc' },
  { label: 'search "eu", by name', q: 'eu', sort: 'name', dir: 'asc' },
  { label: 'tenant filter, by usage desc', tenant: 'fleet-t07', sort: 'usage', dir: 'desc' },
  { label: 'search "signing-ap", by tenant', q: 'signing-ap', sort: 'tenant', dir: 'asc' },
];

export function listPath(scenario: ListScenario): string {
  const params = new URLSearchParams();
  if (scenario.q) params.set('q', scenario.q);
  if (scenario.tenant) params.set('tenant', scenario.tenant);
  params.set('sort', scenario.sort);
  params.set('dir', scenario.dir);
  return `/partitions?${params.toString()}`;
}

/** Targets from issue 7. */
export const TARGETS = {
  seedSeconds: 60,
  pageP95OverFloor: 3,
  changeP95OverPing: 3,
  reportCsvJsonSeconds: 2,
  reportPdfSeconds: 20,
  reportMemoryGrowthMiB: 200,
  firstLoadJsOverBare: 1.3,
  lcpMs: 1000,
  clickToWarningMs: 100,
  coldStartMs: 2000,
} as const;
