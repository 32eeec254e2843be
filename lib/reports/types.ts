import type { PartitionPolicy, PolicyId } from '@/lib/policy';

export const REPORT_FORMATS = ['csv', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Which partitions a report covers; always narrowed further to what the requesting user may see. */
export type ReportScope =
  | { kind: 'all' }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'partitions'; partitionIds: string[] };

export const BASELINE_IDS = ['never-extractable', 'tenant'] as const;
export type BaselineId = (typeof BASELINE_IDS)[number];

/** Required policy values; a policy absent from `policy` may have either value. */
export type Baseline = { id: string; name: string; policy: Partial<PartitionPolicy> };

export type Deviation = { policy: PolicyId; expected: boolean; actual: boolean };

/** One policy change inside the report's period, with the console user behind it when known. */
export type ReportChange = {
  version: number;
  at: string;
  policy: PolicyId;
  from: boolean;
  to: boolean;
  by: string;
  role: string | null;
  reason: string | null;
  ticket: string | null;
};

/** One partition as it stood at the report's "as of" instant. */
export type ReportRow = {
  id: string;
  name: string;
  tenantId: string;
  tenantName: string;
  servicePackage: string;
  createdAt: string;
  /** The partition's policy version at the "as of" instant. */
  version: number;
  policy: PartitionPolicy;
  /** The baseline this partition was compared with, or null when its tenant has saved none. */
  baseline: Baseline | null;
  deviations: Deviation[];
  changes: ReportChange[];
};

/** Everything a report says about itself (title page, JSON header). */
export type ReportMeta = {
  id: string;
  title: string;
  generatedAt: string;
  generatedBy: { name: string; email: string; role: string };
  generator: string;
  scope: ReportScope;
  scopeLabel: string;
  asOf: string;
  periodFrom: string;
  timeZone: string;
  baseline: { id: BaselineId; name: string; policy: Partial<PartitionPolicy> | null };
  signingKeyFingerprint: string;
  /** Partitions in scope at the "as of" instant. */
  partitionCount: number;
};

export type ReportSummary = { partitions: number; deviating: number; changes: number };
