import type { DenyReason, KeyAttributes, KeyClass, KeyProfile, PartitionPolicy, PolicyId } from '@/lib/policy';

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
  /** Only partitions whose policies have every one of these values. */
  policy?: Partial<PartitionPolicy>;
  /** Only partitions that differ from at least one of these values (deviation from a baseline). */
  deviatesFrom?: Partial<PartitionPolicy>;
  /** Only partitions that existed at this instant (ISO-8601). */
  createdAtOrBefore?: string;
  /** Only these partitions. */
  ids?: readonly string[];
};

/** A partition with its current policies and creation time: what a policy report pages through. */
export type PartitionPolicyRecord = PartitionSummary & { policy: PartitionPolicy; createdAt: string };

/** The cluster's report-signing key: only the public half ever leaves the backend. */
export type ReportSigningKey = {
  algorithm: 'ECDSA P-256 with SHA-256';
  /** SubjectPublicKeyInfo, PEM. */
  publicKeyPem: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex (what `openssl dgst -sha256` prints for it). */
  fingerprint: string;
  createdAt: string;
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

/** A policy-log entry with the partition it belongs to (logs of several partitions at once). */
export type PartitionLogEntry = PolicyLogEntry & { partitionId: string };

/** The logs of several partitions (at most MAX_LOG_PARTITIONS), changes made after `after` only. */
export type PolicyLogsQuery = { partitionIds: readonly string[]; after: string };

export const MAX_LOG_PARTITIONS = 200;

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

/** A key (one object: a secret key, or one half of a pair) invalidated by a client-API delete. */
export type BinnedKey = {
  id: string;
  partitionId: string;
  partitionName: string;
  tenantId: string;
  label: string;
  type: KeyType;
  size: number;
  keyClass: KeyClass;
  /** The object's space in the partition, still held while it is in the bin. */
  bytes: number;
  createdAt: string;
  binnedAt: string;
  /** The client identity whose delete invalidated it (name null if that identity is gone). */
  binnedBy: { clientId: string | null; clientName: string | null };
};

export type BinQuery = {
  partitionId?: string;
  /** Only this tenant's partitions; null or absent for every tenant. */
  tenantId?: string | null;
  /** Only these keys (with `partitionId`: the keys of that partition's bin among them). */
  keyIds?: readonly string[];
  /** Opaque cursor from a previous page; newest invalidation first. */
  cursor?: string | null;
  limit?: number;
};

/** What a partition's bin holds against the partition's capacity. */
export type BinTotals = {
  partitionId: string;
  partitionName: string;
  tenantId: string;
  tenantName: string;
  objects: number;
  bytes: number;
  capacity: Capacity;
};

export type BinTotalsQuery = { partitionId?: string; tenantId?: string | null; limit?: number };

export type BinRequest = {
  partitionId: string;
  keyIds: readonly string[];
  /** One per user submission and partition: a replay returns the stored result and changes nothing. */
  idempotencyKey: string;
  /** Who asks, as the backend records it (e.g. "console:usr_…"). */
  actor: string;
};

export type BinKeyResult =
  | { keyId: string; status: 'restored' | 'purged'; label: string; message: string }
  | { keyId: string; status: 'not-in-bin'; label: null; message: string };

export type BinResult = { status: 'done'; results: BinKeyResult[] } | { status: 'not-found' };

/** The admin face: works while a partition is offline or read-only. */
export interface HsmAdmin {
  health(): Promise<void>;
  listTenants(): Promise<Tenant[]>;
  listPartitions(query: PartitionQuery): Promise<Page<PartitionSummary>>;
  getPartition(id: string): Promise<PartitionDetail | null>;
  listClients(partitionId: string): Promise<ClientIdentity[]>;
  /** Policy changes after `sinceVersion`, oldest first. */
  policyLog(partitionId: string, sinceVersion: number): Promise<PolicyLogEntry[]>;
  /** Policy changes made after `after`, of up to MAX_LOG_PARTITIONS partitions, by partition then version. */
  policyLogs(query: PolicyLogsQuery): Promise<PartitionLogEntry[]>;
  /** Compare-and-set on the partition's version, idempotent on the request's key. */
  setPolicy(request: PolicyChangeRequest): Promise<PolicyChangeResult>;
  /** Live keys grouped by attributes, and the number of client identities. */
  keyProfile(partitionId: string): Promise<KeyProfile>;
  /** Live key objects' metadata (never material), newest first; at most `limit`. */
  keyInventory(partitionId: string, limit: number): Promise<{ keys: KeyObject[]; total: number }>;
  /** Binned keys, newest invalidation first, paged at the backend. */
  listBin(query: BinQuery): Promise<Page<BinnedKey>>;
  /** Objects and bytes held by each partition's bin (partitions with an empty bin included only by id). */
  binTotals(query: BinTotalsQuery): Promise<BinTotals[]>;
  /** Puts binned keys back exactly as they were (same id, attributes, material). Idempotent on the key. */
  restoreKeys(request: BinRequest): Promise<BinResult>;
  /** Destroys binned keys for good, freeing their space, id and label. Idempotent on the key. */
  purgeKeys(request: BinRequest): Promise<BinResult>;
  /** Like listPartitions, with each partition's policies and creation time (policy reports). */
  listPartitionPolicies(query: PartitionQuery): Promise<Page<PartitionPolicyRecord>>;
  /** The report-signing key (ECDSA P-256), made in the cluster's key store on first use. */
  reportSigningKey(): Promise<ReportSigningKey>;
  /** Signs a SHA-256 digest with the report-signing key; DER ECDSA signature (as `openssl dgst -sign` makes). */
  signReportDigest(digest: Uint8Array): Promise<Uint8Array>;
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
