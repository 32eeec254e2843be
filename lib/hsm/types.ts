import type { DenyReason, KeyAttributes, KeyProfile, PartitionPolicy, PolicyId } from '@/lib/policy';

export type Tenant = { id: string; name: string };

export type Capacity = { objects: number; bytes: number; usedObjects: number; usedBytes: number };

export type PartitionSummary = {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  servicePackage: string;
  online: boolean;
  readOnly: boolean;
  keyCount: number;
  binCount: number;
  capacity: Capacity;
  version: number;
  updatedAt: string;
};

export type PartitionDetail = PartitionSummary & { policy: PartitionPolicy; clients: number };

export const PARTITION_SORTS = ['name', 'tenant', 'package', 'status', 'keys', 'bin', 'usage'] as const;
export type PartitionSort = (typeof PARTITION_SORTS)[number];

export type PartitionQuery = {
  /** Only this tenant's partitions; null or absent for every tenant. */
  tenantId?: string | null;
  search?: string;
  sort?: PartitionSort;
  dir?: 'asc' | 'desc';
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
  limit?: number;
};

export type Page<T> = { items: T[]; nextCursor: string | null; prevCursor: string | null; total: number };

export type PolicyLogEntry = {
  version: number;
  policy: PolicyId;
  from: boolean;
  to: boolean;
  actor: string;
  at: string;
};

export type PolicyChangeRequest = {
  partitionId: string;
  policy: PolicyId;
  value: boolean;
  expectedVersion: number;
  /** One per user submission: a replay returns the stored result and changes nothing. */
  idempotencyKey: string;
  /** Who asks, as the backend records it (e.g. "console:alice@example.com"). */
  actor: string;
};

export type PolicyChangeResult =
  | { status: 'applied'; version: number; policy: PartitionPolicy; at: string }
  | { status: 'conflict'; currentVersion: number; changes: PolicyLogEntry[] }
  | { status: 'not-found' };

export type ClientIdentity = { id: string; partitionId: string; name: string; kind: string };

export type KeyType = 'AES' | 'RSA' | 'EC';

export type KeyObject = {
  id: string;
  partitionId: string;
  label: string;
  type: KeyType;
  size: number;
  attributes: KeyAttributes;
  createdAt: string;
};

export type NewKeySpec = {
  label: string;
  type: KeyType;
  size: number;
  extractable?: boolean;
  sensitive?: boolean;
  modifiable?: boolean;
  destroyable?: boolean;
};

/** The admin face: works while a partition is offline or read-only. */
export interface HsmAdmin {
  health(): Promise<void>;
  listTenants(): Promise<Tenant[]>;
  listPartitions(query: PartitionQuery): Promise<Page<PartitionSummary>>;
  getPartition(id: string): Promise<PartitionDetail | null>;
  listClients(partitionId: string): Promise<ClientIdentity[]>;
  /** Policy changes after `sinceVersion`, oldest first. */
  policyLog(partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]>;
  /** Compare-and-set on the partition's version, idempotent on the request's key. */
  setPolicy(request: PolicyChangeRequest): Promise<PolicyChangeResult>;
  /** Live keys grouped by attributes, and the number of client identities. */
  keyProfile(partitionId: string): Promise<KeyProfile>;
}

/** The client face (PKCS#11/JCE/REST clients): every call is enforced through `evaluate`. */
export interface HsmClientApi {
  listKeys(partitionId: string, clientId: string): Promise<KeyObject[]>;
  createKey(partitionId: string, clientId: string, spec: NewKeySpec): Promise<KeyObject>;
  sign(partitionId: string, clientId: string, keyId: string, data: Uint8Array): Promise<Uint8Array>;
  verify(
    partitionId: string,
    clientId: string,
    keyId: string,
    data: Uint8Array,
    signature: Uint8Array,
  ): Promise<boolean>;
  encrypt(partitionId: string, clientId: string, keyId: string, plaintext: Uint8Array): Promise<Uint8Array>;
  decrypt(partitionId: string, clientId: string, keyId: string, ciphertext: Uint8Array): Promise<Uint8Array>;
  exportKey(partitionId: string, clientId: string, keyId: string): Promise<Uint8Array>;
  deleteKey(partitionId: string, clientId: string, keyId: string): Promise<{ effect: 'invalidated' | 'destroyed' }>;
  /** Plain import: AES keys as raw bytes, RSA/EC private keys as PKCS#8 DER. */
  importKey(partitionId: string, clientId: string, spec: NewKeySpec, material: Uint8Array): Promise<KeyObject>;
  /** Wraps `keyId` under the AES key `wrappingKeyId` (AES-GCM). Follows Key Export, not Object Usage. */
  wrapKey(partitionId: string, clientId: string, wrappingKeyId: string, keyId: string): Promise<Uint8Array>;
  /** Unwraps into a new key object. Follows Key Import, not Object Usage. */
  unwrapKey(partitionId: string, clientId: string, wrappingKeyId: string, wrapped: Uint8Array, spec: NewKeySpec): Promise<KeyObject>;
  modifyKey(partitionId: string, clientId: string, keyId: string, change: { label: string }): Promise<KeyObject>;
  /** Derives a 32-byte secret (HKDF-SHA256) from a secret key; the result is a session value, not stored. */
  derive(partitionId: string, clientId: string, keyId: string, info: Uint8Array): Promise<Uint8Array>;
  /** An ephemeral key held for the client session only: nothing is stored in the partition. */
  createSessionObject(partitionId: string, clientId: string, spec: NewKeySpec): Promise<{ handle: string }>;
}

export interface HsmCluster {
  readonly backend: 'emulator' | 'http';
  readonly admin: HsmAdmin;
  readonly client: HsmClientApi;
}

export type HsmErrorCode =
  | 'DENIED'
  | 'NOT_FOUND'
  | 'LABEL_CONFLICT'
  | 'CAPACITY_EXCEEDED'
  | 'INVALID_REQUEST'
  | 'UNAVAILABLE';

/** A refusal from the HSM, carrying the policy model's reasons when a policy blocked the call. */
export class HsmError extends Error {
  constructor(
    readonly code: HsmErrorCode,
    message: string,
    readonly reasons: DenyReason[] = [],
  ) {
    super(message);
    this.name = 'HsmError';
  }
}

/**
 * `instanceof` is not enough: Next.js may load this module more than once per process, giving two
 * HsmError classes. The name and code are the contract.
 */
export function isHsmError(error: unknown): error is HsmError {
  return (
    error instanceof Error &&
    error.name === 'HsmError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    Array.isArray((error as { reasons?: unknown }).reasons)
  );
}
