import { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';
import { FaultsBody } from '../server/faults';
import { BinResultSchema, PolicyChangeResultSchema } from './results';

/** JSON Schemas of the emulator's answers, for its OpenAPI document (lib/hsm/rest/openapi.ts). */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const time: Schema = { type: 'string', format: 'date-time' };
const base64: Schema = { type: 'string', contentEncoding: 'base64' };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const list = (items: Schema): Schema => ({ type: 'array', items });

/** Every property required, nothing else allowed. */
function obj(properties: Record<string, Schema>): Schema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

function fromZod(schema: z.ZodType): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  return rest;
}

const summary = {
  id: str,
  tenantId: str,
  tenantName: str,
  name: str,
  servicePackage: str,
  online: bool,
  readOnly: bool,
  keyCount: int,
  binCount: int,
  capacity: ref('Capacity'),
  version: int,
  updatedAt: time,
};

const page = (item: string): Schema => obj({ items: list(ref(item)), nextCursor: nullable(str), prevCursor: nullable(str), total: int });

export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    properties: {
      code: { type: 'string', enum: ['INVALID_REQUEST', 'DENIED', 'NOT_FOUND', 'LABEL_CONFLICT', 'CAPACITY_EXCEEDED', 'UNAVAILABLE', 'UNAUTHORIZED', 'INTERNAL'] },
      error: str,
      reasons: list(ref('DenyReason')),
    },
    required: ['code', 'error'],
  },
  DenyReason: {
    type: 'object',
    properties: { kind: { type: 'string', enum: ['policy', 'attribute'] }, policy: str, attribute: str, code: str, message: str },
    required: ['kind', 'code', 'message'],
  },
  Health: obj({ status: { const: 'ok' } }),
  Tenant: obj({ id: str, name: str }),
  TenantList: obj({ tenants: list(ref('Tenant')) }),
  Capacity: obj({ objects: int, bytes: int, usedObjects: int, usedBytes: int }),
  PartitionPolicy: obj(Object.fromEntries(POLICY_IDS.map((id) => [id, bool]))),
  PartitionSummary: obj(summary),
  PartitionDetail: obj({ ...summary, policy: ref('PartitionPolicy'), clients: int }),
  PartitionPolicyRecord: obj({ ...summary, policy: ref('PartitionPolicy'), createdAt: time }),
  PartitionPage: page('PartitionSummary'),
  PartitionPolicyPage: page('PartitionPolicyRecord'),
  ClientIdentity: obj({ id: str, partitionId: str, name: str, kind: str }),
  ClientList: obj({ clients: list(ref('ClientIdentity')) }),
  PolicyLogEntry: obj({ version: int, policy: { type: 'string', enum: [...POLICY_IDS] }, from: bool, to: bool, actor: str, at: time }),
  PolicyLog: obj({ entries: list(ref('PolicyLogEntry')) }),
  PartitionLogEntry: obj({ partitionId: str, version: int, policy: { type: 'string', enum: [...POLICY_IDS] }, from: bool, to: bool, actor: str, at: time }),
  PartitionLog: obj({ entries: list(ref('PartitionLogEntry')) }),
  PolicyChangeResult: fromZod(PolicyChangeResultSchema),
  KeyAttributes: obj({
    keyClass: { type: 'string', enum: ['secret', 'private', 'public'] },
    extractable: bool,
    sensitive: bool,
    modifiable: bool,
    destroyable: bool,
    alwaysSensitive: bool,
    neverExtractable: bool,
  }),
  KeyProfile: obj({ keys: list(obj({ attributes: ref('KeyAttributes'), count: int })), clients: int }),
  KeyObject: obj({
    id: str,
    partitionId: str,
    label: str,
    type: { type: 'string', enum: ['AES', 'RSA', 'EC'] },
    size: int,
    attributes: ref('KeyAttributes'),
    createdAt: time,
  }),
  KeyList: obj({ keys: list(ref('KeyObject')) }),
  KeyInventory: obj({ keys: list(ref('KeyObject')), total: int }),
  BinnedKey: obj({
    id: str,
    partitionId: str,
    partitionName: str,
    tenantId: str,
    label: str,
    type: { type: 'string', enum: ['AES', 'RSA', 'EC'] },
    size: int,
    keyClass: { type: 'string', enum: ['secret', 'private', 'public'] },
    bytes: int,
    createdAt: time,
    binnedAt: time,
    binnedBy: obj({ clientId: nullable(str), clientName: nullable(str) }),
  }),
  BinPage: page('BinnedKey'),
  BinTotals: obj({
    partitionId: str,
    partitionName: str,
    tenantId: str,
    tenantName: str,
    objects: int,
    bytes: int,
    capacity: ref('Capacity'),
  }),
  BinTotalsList: obj({ totals: list(ref('BinTotals')) }),
  BinResult: fromZod(BinResultSchema),
  ReportSigningKey: obj({ algorithm: { const: 'ECDSA P-256 with SHA-256' }, publicKeyPem: str, fingerprint: str, createdAt: time }),
  Signature: obj({ signature: base64 }),
  DeleteResult: obj({ effect: { type: 'string', enum: ['invalidated', 'destroyed'] } }),
  SignResult: obj({ signature: base64 }),
  VerifyResult: obj({ valid: bool }),
  EncryptResult: obj({ ciphertext: base64 }),
  DecryptResult: obj({ plaintext: base64 }),
  ExportResult: obj({ material: base64 }),
  WrapResult: obj({ wrapped: base64 }),
  DeriveResult: obj({ derived: base64 }),
  SessionObject: obj({ handle: str }),
  FaultRules: fromZod(FaultsBody),
  FaultState: { type: 'object', description: 'The active rules with how often each fired, and the last requests and hits.' },
};

export { fromZod };
