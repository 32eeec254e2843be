import type {
  Decision,
  DenyReason,
  KeyAttributes,
  Operation,
  PartitionPolicy,
} from './types';

const PRIVATE_USE = new Set<Operation>(['sign', 'decrypt', 'derive']);
const CREATES_OBJECT = new Set<Operation>(['create', 'importPlain', 'unwrap']);
const CHANGES_OBJECT = new Set<Operation>(['create', 'importPlain', 'unwrap', 'modify', 'delete']);
const USE = new Set<Operation>(['sign', 'verify', 'encrypt', 'decrypt', 'derive']);

function policyReason(policy: DenyReason & { kind: 'policy' }): DenyReason {
  return policy;
}

/**
 * Decides whether a client-API operation may run on a partition (and, for key operations, on a key).
 * Checks in the fixed order DOMAIN.md sets: Client API Access, Read-Only, then Destruction / Usage /
 * Import / Export / Session Objects, then key attributes. Every reason is returned; the first is primary.
 */
export function evaluate(policy: PartitionPolicy, key: KeyAttributes | null, operation: Operation): Decision {
  const reasons: DenyReason[] = [];

  if (!policy.clientApiAccess) {
    reasons.push(
      policyReason({
        kind: 'policy',
        policy: 'clientApiAccess',
        code: 'PARTITION_OFFLINE',
        message: 'The partition is offline (Client API Access is disabled).',
      }),
    );
  }

  if (policy.readOnly && CHANGES_OBJECT.has(operation)) {
    reasons.push({
      kind: 'policy',
      policy: 'readOnly',
      code: 'PARTITION_READ_ONLY',
      message: 'The partition is read-only: clients may only use existing keys.',
    });
  }

  if (operation === 'delete' && !policy.objectDestruction) {
    reasons.push({
      kind: 'policy',
      policy: 'objectDestruction',
      code: 'DESTRUCTION_DISABLED',
      message: 'Object Destruction is disabled: every delete fails.',
    });
  }

  if (USE.has(operation) && !policy.objectUsage && key !== null && key.keyClass !== 'public') {
    reasons.push({
      kind: 'policy',
      policy: 'objectUsage',
      code: 'USAGE_DISABLED',
      message: `Object Usage is disabled: ${key.keyClass} keys cannot be used.`,
    });
  }

  if ((operation === 'importPlain' || operation === 'unwrap') && !policy.keyImport) {
    reasons.push({
      kind: 'policy',
      policy: 'keyImport',
      code: 'IMPORT_NOT_ALLOWED',
      message: 'Key Import is not allowed on this partition.',
    });
  }

  if ((operation === 'exportPlain' || operation === 'wrap') && !policy.keyExport) {
    reasons.push({
      kind: 'policy',
      policy: 'keyExport',
      code: 'EXPORT_NOT_ALLOWED',
      message: 'Key Export is not allowed on this partition.',
    });
  }

  if (operation === 'createSessionObject' && !policy.sessionObjects) {
    reasons.push({
      kind: 'policy',
      policy: 'sessionObjects',
      code: 'SESSION_OBJECTS_DISABLED',
      message: 'Session Objects are disabled on this partition.',
    });
  }

  if (key !== null) reasons.push(...attributeReasons(key, operation));

  const [first, ...rest] = reasons;
  return first ? { allowed: false, reasons: [first, ...rest] } : { allowed: true };
}

function attributeReasons(key: KeyAttributes, operation: Operation): DenyReason[] {
  const reasons: DenyReason[] = [];
  if ((operation === 'exportPlain' || operation === 'wrap') && !key.extractable) {
    reasons.push({
      kind: 'attribute',
      attribute: 'extractable',
      code: 'KEY_NOT_EXTRACTABLE',
      message: 'The key is not extractable.',
    });
  }
  if (operation === 'exportPlain' && key.sensitive && key.keyClass !== 'public') {
    reasons.push({
      kind: 'attribute',
      attribute: 'sensitive',
      code: 'KEY_SENSITIVE',
      message: 'The key is sensitive: it can only leave the HSM wrapped.',
    });
  }
  if (operation === 'modify' && !key.modifiable) {
    reasons.push({
      kind: 'attribute',
      attribute: 'modifiable',
      code: 'KEY_NOT_MODIFIABLE',
      message: 'The key is not modifiable.',
    });
  }
  if (operation === 'delete' && !key.destroyable) {
    reasons.push({
      kind: 'attribute',
      attribute: 'destroyable',
      code: 'KEY_NOT_DESTROYABLE',
      message: 'The key is not destroyable.',
    });
  }
  if (PRIVATE_USE.has(operation) && key.keyClass === 'public') {
    reasons.push({
      kind: 'attribute',
      attribute: 'keyClass',
      code: 'WRONG_KEY_CLASS',
      message: `A public key cannot ${operation}.`,
    });
  }
  return reasons;
}

/** Whether an operation creates a persistent object (and so needs capacity and a free label). */
export function createsObject(operation: Operation): boolean {
  return CREATES_OBJECT.has(operation);
}

/** What an allowed client delete does under this policy. */
export function deleteEffect(policy: PartitionPolicy): 'invalidate' | 'destroy' {
  return policy.keyInvalidation ? 'invalidate' : 'destroy';
}
