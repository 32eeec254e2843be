import { OPERATIONS, type Operation, type PolicyId } from './types';

export type PolicyValueWords = { on: string; off: string };

export type PolicyCatalogEntry = {
  id: PolicyId;
  /** The vendor's policy number, as operators know it. */
  number: number;
  label: string;
  words: PolicyValueWords;
  explanation: string;
  /** Client-API operations refused while the policy has this value. */
  blocksWhen: { on: readonly Operation[]; off: readonly Operation[] };
  /** In plain words, what stops when the policy has this value. */
  effectWhen: { on: string; off: string };
};

const ALLOWED: PolicyValueWords = { on: 'Allowed', off: 'Not allowed' };
const ENABLED: PolicyValueWords = { on: 'Enabled', off: 'Disabled' };

export const POLICY_CATALOG: readonly PolicyCatalogEntry[] = [
  {
    id: 'keyImport',
    number: 1,
    label: 'Key Import',
    words: ALLOWED,
    explanation:
      'Whether keys may be brought into the partition, in plain form or wrapped (unwrap counts as import).',
    blocksWhen: { on: [], off: ['importPlain', 'unwrap'] },
    effectWhen: { on: 'Keys can be imported and unwrapped.', off: 'Import and unwrap fail.' },
  },
  {
    id: 'keyExport',
    number: 2,
    label: 'Key Export',
    words: ALLOWED,
    explanation:
      'Whether keys may leave the partition, in plain form or wrapped (wrap counts as export). A key must also be extractable; plain export also needs a non-sensitive key.',
    blocksWhen: { on: [], off: ['exportPlain', 'wrap'] },
    effectWhen: { on: 'Extractable keys can be exported and wrapped.', off: 'Export and wrap fail for every key.' },
  },
  {
    id: 'keyInvalidation',
    number: 3,
    label: 'Key Invalidation',
    words: ENABLED,
    explanation:
      'When enabled, a client delete only invalidates a key: it moves to the bin, keeps its ID, label and space, and only a Security Officer can restore or purge it. When disabled, deletes are permanent.',
    blocksWhen: { on: [], off: [] },
    effectWhen: {
      on: 'Deleted keys go to the bin and can be restored.',
      off: 'Deletes destroy keys permanently.',
    },
  },
  {
    id: 'readOnly',
    number: 4,
    label: 'Partition Read-Only',
    words: ENABLED,
    explanation:
      'When enabled, client applications may only use existing keys: creating, importing, modifying and deleting objects fails.',
    blocksWhen: { on: ['create', 'importPlain', 'unwrap', 'modify', 'delete'], off: [] },
    effectWhen: { on: 'Create, import, modify and delete fail.', off: 'Clients can create and change keys.' },
  },
  {
    id: 'sessionObjects',
    number: 5,
    label: 'Session Objects',
    words: ENABLED,
    explanation:
      'Ephemeral keys that live outside the HSM, encrypted with a per-partition key, and vanish when the client session ends.',
    blocksWhen: { on: [], off: ['createSessionObject'] },
    effectWhen: { on: 'Clients can create session keys.', off: 'Creating session keys fails.' },
  },
  {
    id: 'objectDestruction',
    number: 6,
    label: 'Object Destruction',
    words: ENABLED,
    explanation: 'When disabled, every delete fails, whether or not Key Invalidation is enabled.',
    blocksWhen: { on: [], off: ['delete'] },
    effectWhen: { on: 'Keys can be deleted.', off: 'Every delete fails.' },
  },
  {
    id: 'objectUsage',
    number: 7,
    label: 'Object Usage',
    words: ENABLED,
    explanation:
      'When disabled, secret and private keys cannot sign, verify, encrypt, decrypt or derive. Public-key verify and encrypt still work; wrap and unwrap follow Export and Import.',
    blocksWhen: { on: [], off: ['sign', 'verify', 'encrypt', 'decrypt', 'derive'] },
    effectWhen: { on: 'Keys can be used.', off: 'Secret and private keys cannot be used.' },
  },
  {
    id: 'clientApiAccess',
    number: 8,
    label: 'Client API Access',
    words: ENABLED,
    explanation:
      'When disabled the partition is offline: every JCE, PKCS#11, MSCNG and REST client call fails. Administration in this console keeps working.',
    // Offline: every client operation fails.
    blocksWhen: { on: [], off: OPERATIONS },
    effectWhen: { on: 'The partition is online.', off: 'The partition is offline: every client call fails.' },
  },
];

const BY_ID = new Map(POLICY_CATALOG.map((entry) => [entry.id, entry]));

export function policyEntry(id: PolicyId): PolicyCatalogEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown policy ${id}`);
  return entry;
}

export function valueWord(id: PolicyId, value: boolean): string {
  const { words } = policyEntry(id);
  return value ? words.on : words.off;
}

export const OPERATION_LABELS: Record<Operation, string> = {
  list: 'list keys',
  read: 'read key attributes',
  create: 'create keys',
  createSessionObject: 'create session keys',
  importPlain: 'import keys',
  unwrap: 'unwrap keys',
  exportPlain: 'export keys',
  wrap: 'wrap keys',
  modify: 'modify keys',
  delete: 'delete keys',
  sign: 'sign',
  verify: 'verify',
  encrypt: 'encrypt',
  decrypt: 'decrypt',
  derive: 'derive',
};
