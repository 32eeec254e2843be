import type { PartitionPolicy, PolicyId } from '@/lib/policy';
import type { Role } from '@/lib/auth/roles';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_TENANTS = [
  { id: 'acme', name: 'Acme Bank' },
  { id: 'globex', name: 'Globex Payments' },
  { id: 'initech', name: 'Initech Health' },
] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; tenantId: string | null }[] = [
  { email: 'so@acme.example', name: 'Sofia Ortega', role: 'security_officer', tenantId: 'acme' },
  { email: 'admin@acme.example', name: 'Adam Park', role: 'partition_admin', tenantId: 'acme' },
  { email: 'viewer@acme.example', name: 'Vera Lind', role: 'viewer', tenantId: 'acme' },
  { email: 'auditor@acme.example', name: 'Aiko Tanaka', role: 'compliance', tenantId: 'acme' },
  { email: 'so@globex.example', name: 'Gustav Berg', role: 'security_officer', tenantId: 'globex' },
  { email: 'viewer@globex.example', name: 'Grace Hall', role: 'viewer', tenantId: 'globex' },
  { email: 'so@initech.example', name: 'Ines Duarte', role: 'security_officer', tenantId: 'initech' },
  { email: 'support@provider.example', name: 'Sam Support', role: 'support', tenantId: null },
  { email: 'compliance@provider.example', name: 'Carla Compliance', role: 'compliance', tenantId: null },
];

export type DemoPartition = {
  id: string;
  tenantId: string;
  name: string;
  servicePackage: string;
  policy?: Partial<PartitionPolicy>;
  keys: number;
  binned: number;
  clients: number;
  history?: { policy: PolicyId; to: boolean; by: string; reason: string; ticket?: string; daysAgo: number }[];
};

export const DEMO_PARTITIONS: DemoPartition[] = [
  {
    id: 'acme-pay-prod',
    tenantId: 'acme',
    name: 'payments-prod',
    servicePackage: 'payments-hsm',
    keys: 48,
    binned: 3,
    clients: 4,
    history: [
      { policy: 'keyImport', to: false, by: 'so@acme.example', reason: 'PCI PIN 2024 review: no imports in production', daysAgo: 120 },
      { policy: 'sessionObjects', to: false, by: 'so@acme.example', reason: 'Session keys not used by the card platform', daysAgo: 90 },
    ],
  },
  { id: 'acme-pay-dr', tenantId: 'acme', name: 'payments-dr', servicePackage: 'payments-hsm', keys: 40, binned: 0, clients: 2, policy: { readOnly: true } },
  { id: 'acme-codesign', tenantId: 'acme', name: 'code-signing', servicePackage: 'standard', keys: 12, binned: 2, clients: 3 },
  { id: 'acme-byok', tenantId: 'acme', name: 'byok-cloud-keys', servicePackage: 'byok', keys: 20, binned: 1, clients: 2 },
  {
    id: 'acme-dev',
    tenantId: 'acme',
    name: 'dev-sandbox',
    servicePackage: 'dev-sandbox',
    keys: 30,
    binned: 0,
    clients: 5,
    history: [{ policy: 'keyExport', to: true, by: 'so@acme.example', reason: 'Developers need test-key export', daysAgo: 30 }],
  },
  { id: 'globex-issuing', tenantId: 'globex', name: 'card-issuing', servicePackage: 'payments-hsm', keys: 36, binned: 4, clients: 3 },
  { id: 'globex-token', tenantId: 'globex', name: 'tokenization', servicePackage: 'standard', keys: 28, binned: 2, clients: 4 },
  {
    id: 'globex-pin',
    tenantId: 'globex',
    name: 'pin-translation',
    servicePackage: 'payments-hsm',
    keys: 16,
    binned: 0,
    clients: 2,
    history: [
      { policy: 'clientApiAccess', to: false, by: 'support@provider.example', reason: 'Firmware update on the cluster node', ticket: 'SUP-4821', daysAgo: 1 },
    ],
  },
  { id: 'globex-sandbox', tenantId: 'globex', name: 'sandbox', servicePackage: 'dev-sandbox', keys: 10, binned: 0, clients: 1 },
  { id: 'initech-ehr', tenantId: 'initech', name: 'ehr-signing', servicePackage: 'standard', keys: 18, binned: 1, clients: 2 },
  { id: 'initech-backup', tenantId: 'initech', name: 'backup-keys', servicePackage: 'standard', keys: 14, binned: 0, clients: 1, policy: { objectDestruction: false } },
  { id: 'initech-byok', tenantId: 'initech', name: 'byok-archive', servicePackage: 'byok', keys: 8, binned: 0, clients: 1 },
  // Non-Latin names: policy reports (PDF fonts, CSV/JSON encoding, download file names) must carry them.
  { id: 'globex-ru', tenantId: 'globex', name: 'платёжные-ключи', servicePackage: 'payments-hsm', keys: 6, binned: 0, clients: 1 },
  {
    id: 'initech-cn',
    tenantId: 'initech',
    name: '电子病历签名密钥',
    servicePackage: 'standard',
    keys: 6,
    binned: 0,
    clients: 1,
    history: [{ policy: 'keyExport', to: true, by: 'so@initech.example', reason: 'Key escrow to the regional archive', daysAgo: 12 }],
  },
];
