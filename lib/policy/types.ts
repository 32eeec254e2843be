/** The eight partition policies. `true` means allowed / enabled. */
export const POLICY_IDS = [
  'keyImport',
  'keyExport',
  'keyInvalidation',
  'readOnly',
  'sessionObjects',
  'objectDestruction',
  'objectUsage',
  'clientApiAccess',
] as const;

export type PolicyId = (typeof POLICY_IDS)[number];

export type PartitionPolicy = Record<PolicyId, boolean>;

export type KeyClass = 'secret' | 'private' | 'public';

export const KEY_ATTRIBUTE_IDS = [
  'extractable',
  'sensitive',
  'modifiable',
  'destroyable',
  'alwaysSensitive',
  'neverExtractable',
] as const;

export type KeyAttributeId = (typeof KEY_ATTRIBUTE_IDS)[number];

export type KeyAttributes = { keyClass: KeyClass } & Record<KeyAttributeId, boolean>;

/** Every client-API operation the HSM knows. */
export const OPERATIONS = [
  'list',
  'read',
  'create',
  'createSessionObject',
  'importPlain',
  'unwrap',
  'exportPlain',
  'wrap',
  'modify',
  'delete',
  'sign',
  'verify',
  'encrypt',
  'decrypt',
  'derive',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** Operations that act on an existing key, and so need its attributes. */
export const KEY_OPERATIONS = [
  'read',
  'exportPlain',
  'wrap',
  'modify',
  'delete',
  'sign',
  'verify',
  'encrypt',
  'decrypt',
  'derive',
] as const satisfies readonly Operation[];

export type KeyOperation = (typeof KEY_OPERATIONS)[number];

export const USE_OPERATIONS = ['sign', 'verify', 'encrypt', 'decrypt', 'derive'] as const satisfies readonly Operation[];

export type UseOperation = (typeof USE_OPERATIONS)[number];

export type DenyReason =
  | { kind: 'policy'; policy: PolicyId; code: string; message: string }
  | { kind: 'attribute'; attribute: KeyAttributeId | 'keyClass'; code: string; message: string };

export type Decision = { allowed: true } | { allowed: false; reasons: [DenyReason, ...DenyReason[]] };

export type RiskClass = 'outage' | 'workflow-breaking' | 'irreversible-data' | 'exfiltration' | 'safe';

/** Risk classes that must be confirmed explicitly by the request. */
export type ConfirmClass = Exclude<RiskClass, 'safe'>;
