import type { KeyAttributes, KeyClass, PartitionPolicy, PolicyId } from '@/lib/policy';
import { isoString } from '@/lib/iso-time';
import type { KeyObject, KeyType, PartitionDetail, PartitionSummary } from '../types';

/** Column of each policy in hsm.partitions. */
export const POLICY_COLUMNS: Record<PolicyId, string> = {
  keyImport: 'key_import',
  keyExport: 'key_export',
  keyInvalidation: 'key_invalidation',
  readOnly: 'read_only',
  sessionObjects: 'session_objects',
  objectDestruction: 'object_destruction',
  objectUsage: 'object_usage',
  clientApiAccess: 'client_api_access',
};

export type PartitionRow = {
  id: string;
  tenant_id: string;
  tenant_name: string;
  name: string;
  package: string;
  capacity_objects: number;
  capacity_bytes: number | string;
  key_import: boolean;
  key_export: boolean;
  key_invalidation: boolean;
  read_only: boolean;
  session_objects: boolean;
  object_destruction: boolean;
  object_usage: boolean;
  client_api_access: boolean;
  version: number;
  key_count: number;
  bin_count: number;
  used_objects: number;
  used_bytes: number | string;
  updated_at: Date | string;
};

/** A timestamp column (a Date from the driver, or text from a JSON document) as ISO-8601 UTC. */
export function iso(value: Date | string): string {
  return isoString(value);
}

export function policyOf(row: PartitionRow): PartitionPolicy {
  return {
    keyImport: row.key_import,
    keyExport: row.key_export,
    keyInvalidation: row.key_invalidation,
    readOnly: row.read_only,
    sessionObjects: row.session_objects,
    objectDestruction: row.object_destruction,
    objectUsage: row.object_usage,
    clientApiAccess: row.client_api_access,
  };
}

export function summaryOf(row: PartitionRow): PartitionSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    name: row.name,
    servicePackage: row.package,
    online: row.client_api_access,
    readOnly: row.read_only,
    keyCount: row.key_count,
    binCount: row.bin_count,
    capacity: {
      objects: row.capacity_objects,
      bytes: Number(row.capacity_bytes),
      usedObjects: row.used_objects,
      usedBytes: Number(row.used_bytes),
    },
    version: row.version,
    updatedAt: iso(row.updated_at),
  };
}

export function detailOf(row: PartitionRow, clients: number): PartitionDetail {
  return { ...summaryOf(row), policy: policyOf(row), clients };
}

export type KeyRow = {
  id: string;
  partition_id: string;
  pair_id: string | null;
  label: string;
  type: KeyType;
  size: number;
  key_class: KeyClass;
  extractable: boolean;
  sensitive: boolean;
  modifiable: boolean;
  destroyable: boolean;
  always_sensitive: boolean;
  never_extractable: boolean;
  bytes: number;
  state: 'active' | 'binned';
  created_at: Date | string;
  material: Uint8Array | null;
};

export function attributesOf(row: KeyRow): KeyAttributes {
  return {
    keyClass: row.key_class,
    extractable: row.extractable,
    sensitive: row.sensitive,
    modifiable: row.modifiable,
    destroyable: row.destroyable,
    alwaysSensitive: row.always_sensitive,
    neverExtractable: row.never_extractable,
  };
}

export function keyObjectOf(row: KeyRow): KeyObject {
  return {
    id: row.id,
    partitionId: row.partition_id,
    label: row.label,
    type: row.type,
    size: row.size,
    attributes: attributesOf(row),
    createdAt: iso(row.created_at),
  };
}

export const PARTITION_SELECT = `
SELECT p.*, t.name AS tenant_name FROM hsm.partitions p JOIN hsm.tenants t ON t.id = p.tenant_id`;
