import type { PartitionPolicy } from './types';

/** The demo data's defaults (DOMAIN.md); service packages override them. */
export const DEFAULT_POLICY: PartitionPolicy = {
  keyImport: true,
  keyExport: false,
  keyInvalidation: true,
  readOnly: false,
  sessionObjects: true,
  objectDestruction: true,
  objectUsage: true,
  clientApiAccess: true,
};

export const SERVICE_PACKAGES = {
  standard: DEFAULT_POLICY,
  byok: {
    ...DEFAULT_POLICY,
    keyImport: false,
    keyExport: true,
    keyInvalidation: true,
    objectUsage: false,
  },
  'payments-hsm': { ...DEFAULT_POLICY, keyImport: false, sessionObjects: false },
  'dev-sandbox': { ...DEFAULT_POLICY, keyExport: true, keyInvalidation: false },
} as const satisfies Record<string, PartitionPolicy>;

export type ServicePackage = keyof typeof SERVICE_PACKAGES;

export const SERVICE_PACKAGE_LABELS: Record<ServicePackage, string> = {
  standard: 'Standard',
  byok: 'BYOK',
  'payments-hsm': 'Payments HSM',
  'dev-sandbox': 'Dev sandbox',
};
