import { describe, expect, it } from 'vitest';
import {
  createsObject,
  deleteEffect,
  evaluate,
  KEY_OPERATIONS,
  OPERATIONS,
  POLICY_IDS,
  type Decision,
  type KeyAttributeId,
  type KeyAttributes,
  type KeyClass,
  type Operation,
  type PartitionPolicy,
  type PolicyId,
} from '@/lib/policy';

/*
 * Expected values come from DOMAIN.md, written out here by hand: none of them is computed by `evaluate`.
 */

/** A reason as the machine reads it: kind, code, and the policy or attribute it names. */
type ReasonShape =
  | { kind: 'policy'; policy: PolicyId; code: string }
  | { kind: 'attribute'; attribute: KeyAttributeId | 'keyClass'; code: string };

function shapes(decision: Decision): ReasonShape[] {
  if (decision.allowed) return [];
  return decision.reasons.map((reason) =>
    reason.kind === 'policy'
      ? { kind: 'policy', policy: reason.policy, code: reason.code }
      : { kind: 'attribute', attribute: reason.attribute, code: reason.code },
  );
}

/** Every reason carries a human message too. */
function expectMessages(decision: Decision): void {
  if (decision.allowed) return;
  for (const reason of decision.reasons) expect(reason.message.length).toBeGreaterThan(0);
}

/** Every policy at the value that blocks nothing. */
const PERMISSIVE: PartitionPolicy = {
  keyImport: true,
  keyExport: true,
  keyInvalidation: true,
  readOnly: false,
  sessionObjects: true,
  objectDestruction: true,
  objectUsage: true,
  clientApiAccess: true,
};

/** Every policy at its restrictive value (Key Invalidation restricts nothing the client API can do). */
const RESTRICTIVE: PartitionPolicy = {
  keyImport: false,
  keyExport: false,
  keyInvalidation: false,
  readOnly: true,
  sessionObjects: false,
  objectDestruction: false,
  objectUsage: false,
  clientApiAccess: false,
};

function permissiveKey(keyClass: KeyClass): KeyAttributes {
  return {
    keyClass,
    extractable: true,
    sensitive: false,
    modifiable: true,
    destroyable: true,
    alwaysSensitive: false,
    neverExtractable: false,
  };
}

function restrictiveKey(keyClass: KeyClass): KeyAttributes {
  return {
    keyClass,
    extractable: false,
    sensitive: true,
    modifiable: false,
    destroyable: false,
    alwaysSensitive: true,
    neverExtractable: true,
  };
}

const KEY_CLASSES: readonly KeyClass[] = ['secret', 'private', 'public'];

function isKeyOperation(operation: Operation): boolean {
  return (KEY_OPERATIONS as readonly Operation[]).includes(operation);
}

// ---------------------------------------------------------------------------------------------
// The policy matrix: which policy, at its restrictive value, blocks which operation.
// '.' never blocks, 'X' blocks, 'K' blocks only with a secret or private key (Object Usage).
// Columns follow POLICY_IDS (the vendor's numbers 1..8).
// ---------------------------------------------------------------------------------------------
type Cell = '.' | 'X' | 'K';
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// prettier-ignore
const POLICY_MATRIX: Record<Operation, Row> = {
  //                    Import Export Inval  RO    Sess  Destr Usage API
  list:                ['.',   '.',   '.',   '.',  '.',  '.',  '.',  'X'],
  read:                ['.',   '.',   '.',   '.',  '.',  '.',  '.',  'X'],
  create:              ['.',   '.',   '.',   'X',  '.',  '.',  '.',  'X'],
  createSessionObject: ['.',   '.',   '.',   '.',  'X',  '.',  '.',  'X'],
  importPlain:         ['X',   '.',   '.',   'X',  '.',  '.',  '.',  'X'],
  unwrap:              ['X',   '.',   '.',   'X',  '.',  '.',  '.',  'X'],
  exportPlain:         ['.',   'X',   '.',   '.',  '.',  '.',  '.',  'X'],
  wrap:                ['.',   'X',   '.',   '.',  '.',  '.',  '.',  'X'],
  modify:              ['.',   '.',   '.',   'X',  '.',  '.',  '.',  'X'],
  delete:              ['.',   '.',   '.',   'X',  '.',  'X',  '.',  'X'],
  sign:                ['.',   '.',   '.',   '.',  '.',  '.',  'K',  'X'],
  verify:              ['.',   '.',   '.',   '.',  '.',  '.',  'K',  'X'],
  encrypt:             ['.',   '.',   '.',   '.',  '.',  '.',  'K',  'X'],
  decrypt:             ['.',   '.',   '.',   '.',  '.',  '.',  'K',  'X'],
  derive:              ['.',   '.',   '.',   '.',  '.',  '.',  'K',  'X'],
};

/** The value at which each policy blocks, and the code it then gives (null: never blocks). */
const BLOCKING: Record<PolicyId, { value: boolean; code: string } | null> = {
  keyImport: { value: false, code: 'IMPORT_NOT_ALLOWED' },
  keyExport: { value: false, code: 'EXPORT_NOT_ALLOWED' },
  keyInvalidation: null,
  readOnly: { value: true, code: 'PARTITION_READ_ONLY' },
  sessionObjects: { value: false, code: 'SESSION_OBJECTS_DISABLED' },
  objectDestruction: { value: false, code: 'DESTRUCTION_DISABLED' },
  objectUsage: { value: false, code: 'USAGE_DISABLED' },
  clientApiAccess: { value: false, code: 'PARTITION_OFFLINE' },
};

/** The fixed check order: Client API Access, Read-Only, then Destruction / Usage / Import / Export / Session. */
const POLICY_CHECK_ORDER: readonly PolicyId[] = [
  'clientApiAccess',
  'readOnly',
  'objectDestruction',
  'objectUsage',
  'keyImport',
  'keyExport',
  'sessionObjects',
];

function cell(operation: Operation, policy: PolicyId): Cell {
  const value = POLICY_MATRIX[operation][POLICY_IDS.indexOf(policy)];
  if (value === undefined) throw new Error(`no matrix cell for ${operation} x ${policy}`);
  return value;
}

function policyBlocks(operation: Operation, policy: PolicyId, key: KeyAttributes | null): boolean {
  const c = cell(operation, policy);
  if (c === 'X') return true;
  if (c === 'K') return key !== null && key.keyClass !== 'public';
  return false;
}

// ---------------------------------------------------------------------------------------------
// Key attribute rules (checked after every policy), in their fixed order.
// ---------------------------------------------------------------------------------------------
type AttributeRule = {
  attribute: KeyAttributeId | 'keyClass';
  code: string;
  operations: readonly Operation[];
  fails: (key: KeyAttributes) => boolean;
};

const ATTRIBUTE_RULES: readonly AttributeRule[] = [
  // Export (plain or wrapped) needs an extractable key.
  { attribute: 'extractable', code: 'KEY_NOT_EXTRACTABLE', operations: ['exportPlain', 'wrap'], fails: (k) => !k.extractable },
  // Plain export also needs sensitive = false (sensitivity applies to secret and private keys only).
  {
    attribute: 'sensitive',
    code: 'KEY_SENSITIVE',
    operations: ['exportPlain'],
    fails: (k) => k.sensitive && k.keyClass !== 'public',
  },
  { attribute: 'modifiable', code: 'KEY_NOT_MODIFIABLE', operations: ['modify'], fails: (k) => !k.modifiable },
  { attribute: 'destroyable', code: 'KEY_NOT_DESTROYABLE', operations: ['delete'], fails: (k) => !k.destroyable },
  // A public key cannot sign, decrypt or derive.
  {
    attribute: 'keyClass',
    code: 'WRONG_KEY_CLASS',
    operations: ['sign', 'decrypt', 'derive'],
    fails: (k) => k.keyClass === 'public',
  },
];

function expectedAttributeReasons(operation: Operation, key: KeyAttributes | null): ReasonShape[] {
  if (key === null) return [];
  return ATTRIBUTE_RULES.filter((rule) => rule.operations.includes(operation) && rule.fails(key)).map((rule) => ({
    kind: 'attribute',
    attribute: rule.attribute,
    code: rule.code,
  }));
}

function expectedReasons(policy: PartitionPolicy, key: KeyAttributes | null, operation: Operation): ReasonShape[] {
  const fromPolicies: ReasonShape[] = [];
  for (const id of POLICY_CHECK_ORDER) {
    const blocking = BLOCKING[id];
    if (blocking && policy[id] === blocking.value && policyBlocks(operation, id, key)) {
      fromPolicies.push({ kind: 'policy', policy: id, code: blocking.code });
    }
  }
  return [...fromPolicies, ...expectedAttributeReasons(operation, key)];
}

/** The keys to try for an operation: none for partition-level calls, each key class for key calls. */
function keysFor(operation: Operation, make: (keyClass: KeyClass) => KeyAttributes): (KeyAttributes | null)[] {
  return isKeyOperation(operation) ? KEY_CLASSES.map(make) : [null];
}

function keyName(key: KeyAttributes | null): string {
  return key === null ? 'no key' : `${key.keyClass} key`;
}

// ---------------------------------------------------------------------------------------------

describe('the expectation tables', () => {
  it('cover every operation and every policy', () => {
    expect(Object.keys(POLICY_MATRIX).sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(BLOCKING).sort()).toEqual([...POLICY_IDS].sort());
    for (const id of POLICY_IDS) {
      if (BLOCKING[id] !== null) expect(POLICY_CHECK_ORDER).toContain(id);
    }
  });
});

describe('evaluate: every policy x every operation, both values, others permissive', () => {
  type Case = {
    name: string;
    policyId: PolicyId;
    value: boolean;
    operation: Operation;
    key: KeyAttributes | null;
    expected: ReasonShape[];
  };

  const cases: Case[] = [];
  for (const policyId of POLICY_IDS) {
    for (const value of [true, false]) {
      for (const operation of OPERATIONS) {
        for (const key of keysFor(operation, permissiveKey)) {
          const blocking = BLOCKING[policyId];
          const blocks = blocking !== null && value === blocking.value && policyBlocks(operation, policyId, key);
          const expected: ReasonShape[] = [
            ...(blocks && blocking ? [{ kind: 'policy' as const, policy: policyId, code: blocking.code }] : []),
            ...expectedAttributeReasons(operation, key),
          ];
          cases.push({
            name: `${policyId}=${value} ${operation} (${keyName(key)})`,
            policyId,
            value,
            operation,
            key,
            expected,
          });
        }
      }
    }
  }

  it('has 8 policies x 2 values x (5 partition calls + 10 key calls x 3 key classes) cases', () => {
    expect(cases).toHaveLength(8 * 2 * (5 + 10 * 3));
  });

  it.each(cases)('$name', ({ policyId, value, operation, key, expected }) => {
    const policy: PartitionPolicy = { ...PERMISSIVE, [policyId]: value };
    const decision = evaluate(policy, key, operation);
    expect(shapes(decision)).toEqual(expected);
    expect(decision.allowed).toBe(expected.length === 0);
    expectMessages(decision);
  });
});

describe('evaluate: key attributes under a permissive policy', () => {
  type Variation = { name: string; change: Partial<KeyAttributes> };
  const variations: readonly Variation[] = [
    { name: 'permissive', change: {} },
    { name: 'not extractable', change: { extractable: false } },
    { name: 'sensitive', change: { sensitive: true } },
    { name: 'not modifiable', change: { modifiable: false } },
    { name: 'not destroyable', change: { destroyable: false } },
    { name: 'everything restrictive', change: restrictiveKey('secret') },
  ];

  /** The codes by hand, per operation and key class, for one attribute variation. */
  const EXPECTED_CODES: Record<string, Partial<Record<Operation, Partial<Record<KeyClass, string[]>>>>> = {
    permissive: {
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
    'not extractable': {
      exportPlain: { secret: ['KEY_NOT_EXTRACTABLE'], private: ['KEY_NOT_EXTRACTABLE'], public: ['KEY_NOT_EXTRACTABLE'] },
      wrap: { secret: ['KEY_NOT_EXTRACTABLE'], private: ['KEY_NOT_EXTRACTABLE'], public: ['KEY_NOT_EXTRACTABLE'] },
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
    sensitive: {
      // Sensitive blocks plain export only; wrapped export (wrap) still works.
      exportPlain: { secret: ['KEY_SENSITIVE'], private: ['KEY_SENSITIVE'] },
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
    'not modifiable': {
      modify: { secret: ['KEY_NOT_MODIFIABLE'], private: ['KEY_NOT_MODIFIABLE'], public: ['KEY_NOT_MODIFIABLE'] },
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
    'not destroyable': {
      delete: { secret: ['KEY_NOT_DESTROYABLE'], private: ['KEY_NOT_DESTROYABLE'], public: ['KEY_NOT_DESTROYABLE'] },
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
    'everything restrictive': {
      exportPlain: {
        secret: ['KEY_NOT_EXTRACTABLE', 'KEY_SENSITIVE'],
        private: ['KEY_NOT_EXTRACTABLE', 'KEY_SENSITIVE'],
        public: ['KEY_NOT_EXTRACTABLE'],
      },
      wrap: { secret: ['KEY_NOT_EXTRACTABLE'], private: ['KEY_NOT_EXTRACTABLE'], public: ['KEY_NOT_EXTRACTABLE'] },
      modify: { secret: ['KEY_NOT_MODIFIABLE'], private: ['KEY_NOT_MODIFIABLE'], public: ['KEY_NOT_MODIFIABLE'] },
      delete: { secret: ['KEY_NOT_DESTROYABLE'], private: ['KEY_NOT_DESTROYABLE'], public: ['KEY_NOT_DESTROYABLE'] },
      sign: { public: ['WRONG_KEY_CLASS'] },
      decrypt: { public: ['WRONG_KEY_CLASS'] },
      derive: { public: ['WRONG_KEY_CLASS'] },
    },
  };

  type Case = { name: string; key: KeyAttributes; operation: Operation; codes: string[]; rules: ReasonShape[] };
  const cases: Case[] = [];
  for (const variation of variations) {
    for (const operation of KEY_OPERATIONS) {
      for (const keyClass of KEY_CLASSES) {
        const key: KeyAttributes = { ...permissiveKey(keyClass), ...variation.change, keyClass };
        cases.push({
          name: `${variation.name} ${keyClass} key: ${operation}`,
          key,
          operation,
          codes: EXPECTED_CODES[variation.name]?.[operation]?.[keyClass] ?? [],
          rules: expectedAttributeReasons(operation, key),
        });
      }
    }
  }

  it('has 6 variations x 10 key operations x 3 key classes cases', () => {
    expect(cases).toHaveLength(6 * 10 * 3);
  });

  it.each(cases)('$name', ({ key, operation, codes, rules }) => {
    // The hand-written code table and the attribute rules agree with each other...
    expect(rules.map((r) => r.code)).toEqual(codes);
    // ...and with evaluate, including the attribute each reason names.
    const decision = evaluate(PERMISSIVE, key, operation);
    expect(shapes(decision)).toEqual(rules);
    expect(decision.allowed).toBe(codes.length === 0);
    expectMessages(decision);
  });

  it('returns exactly { allowed: true } when nothing blocks', () => {
    expect(evaluate(PERMISSIVE, permissiveKey('secret'), 'sign')).toEqual({ allowed: true });
    expect(evaluate(PERMISSIVE, null, 'create')).toEqual({ allowed: true });
  });
});

describe('evaluate: fixed check order, every reason returned, the first primary', () => {
  const cases: { name: string; operation: Operation; key: KeyAttributes | null; expected: ReasonShape[] }[] = [];
  for (const operation of OPERATIONS) {
    for (const key of keysFor(operation, restrictiveKey)) {
      cases.push({
        name: `${operation} (${keyName(key)})`,
        operation,
        key,
        expected: expectedReasons(RESTRICTIVE, key, operation),
      });
    }
  }

  it.each(cases)('everything restrictive: $name', ({ operation, key, expected }) => {
    const decision = evaluate(RESTRICTIVE, key, operation);
    expect(shapes(decision)).toEqual(expected);
    // Offline is always the primary reason.
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reasons[0].code).toBe('PARTITION_OFFLINE');
  });

  it('delete: offline, read-only, destruction disabled, not destroyable — in that order', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, clientApiAccess: false, readOnly: true, objectDestruction: false };
    const key: KeyAttributes = { ...permissiveKey('private'), destroyable: false };
    expect(shapes(evaluate(policy, key, 'delete'))).toEqual([
      { kind: 'policy', policy: 'clientApiAccess', code: 'PARTITION_OFFLINE' },
      { kind: 'policy', policy: 'readOnly', code: 'PARTITION_READ_ONLY' },
      { kind: 'policy', policy: 'objectDestruction', code: 'DESTRUCTION_DISABLED' },
      { kind: 'attribute', attribute: 'destroyable', code: 'KEY_NOT_DESTROYABLE' },
    ]);
  });

  it('read-only is primary when the partition is online', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, readOnly: true, keyImport: false };
    expect(shapes(evaluate(policy, null, 'unwrap'))).toEqual([
      { kind: 'policy', policy: 'readOnly', code: 'PARTITION_READ_ONLY' },
      { kind: 'policy', policy: 'keyImport', code: 'IMPORT_NOT_ALLOWED' },
    ]);
  });

  it('policies come before key attributes', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, keyExport: false };
    const key: KeyAttributes = { ...permissiveKey('secret'), extractable: false, sensitive: true };
    expect(shapes(evaluate(policy, key, 'exportPlain'))).toEqual([
      { kind: 'policy', policy: 'keyExport', code: 'EXPORT_NOT_ALLOWED' },
      { kind: 'attribute', attribute: 'extractable', code: 'KEY_NOT_EXTRACTABLE' },
      { kind: 'attribute', attribute: 'sensitive', code: 'KEY_SENSITIVE' },
    ]);
  });

  it('Object Usage before key class', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, objectUsage: false, clientApiAccess: false };
    expect(shapes(evaluate(policy, permissiveKey('private'), 'sign'))).toEqual([
      { kind: 'policy', policy: 'clientApiAccess', code: 'PARTITION_OFFLINE' },
      { kind: 'policy', policy: 'objectUsage', code: 'USAGE_DISABLED' },
    ]);
  });
});

describe('evaluate: decisions DOMAIN.md takes', () => {
  const usageOff: PartitionPolicy = { ...PERMISSIVE, objectUsage: false };

  it.each(['verify', 'encrypt'] as const)('Object Usage off still allows %s with a public key', (operation) => {
    expect(evaluate(usageOff, permissiveKey('public'), operation)).toEqual({ allowed: true });
  });

  it.each(['sign', 'verify', 'encrypt', 'decrypt', 'derive'] as const)(
    'Object Usage off blocks %s with secret and private keys',
    (operation) => {
      for (const keyClass of ['secret', 'private'] as const) {
        const decision = evaluate(usageOff, permissiveKey(keyClass), operation);
        expect(shapes(decision)).toEqual([{ kind: 'policy', policy: 'objectUsage', code: 'USAGE_DISABLED' }]);
      }
    },
  );

  it('Object Usage off: a public key that cannot sign is refused for its class, not for usage', () => {
    expect(shapes(evaluate(usageOff, permissiveKey('public'), 'sign'))).toEqual([
      { kind: 'attribute', attribute: 'keyClass', code: 'WRONG_KEY_CLASS' },
    ]);
  });

  it('delete with Object Destruction off fails even with Key Invalidation on', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, objectDestruction: false, keyInvalidation: true };
    for (const keyClass of KEY_CLASSES) {
      expect(shapes(evaluate(policy, permissiveKey(keyClass), 'delete'))).toEqual([
        { kind: 'policy', policy: 'objectDestruction', code: 'DESTRUCTION_DISABLED' },
      ]);
    }
  });

  it('Key Invalidation never blocks a client call, on or off', () => {
    for (const keyInvalidation of [true, false]) {
      const policy: PartitionPolicy = { ...PERMISSIVE, keyInvalidation };
      for (const operation of OPERATIONS) {
        for (const key of keysFor(operation, permissiveKey)) {
          expect(shapes(evaluate(policy, key, operation)).filter((r) => r.kind === 'policy')).toEqual([]);
        }
      }
    }
  });

  const readOnly: PartitionPolicy = { ...PERMISSIVE, readOnly: true };

  it('read-only does not block createSessionObject', () => {
    expect(evaluate(readOnly, null, 'createSessionObject')).toEqual({ allowed: true });
  });

  it.each(['create', 'importPlain', 'unwrap'] as const)('read-only blocks %s', (operation) => {
    expect(shapes(evaluate(readOnly, null, operation))).toEqual([
      { kind: 'policy', policy: 'readOnly', code: 'PARTITION_READ_ONLY' },
    ]);
  });

  it.each(['modify', 'delete'] as const)('read-only blocks %s', (operation) => {
    expect(shapes(evaluate(readOnly, permissiveKey('secret'), operation))).toEqual([
      { kind: 'policy', policy: 'readOnly', code: 'PARTITION_READ_ONLY' },
    ]);
  });

  it.each(['read', 'sign', 'verify', 'encrypt', 'decrypt', 'derive', 'exportPlain', 'wrap'] as const)(
    'read-only does not block %s',
    (operation) => {
      expect(evaluate(readOnly, permissiveKey('private'), operation)).toEqual({ allowed: true });
    },
  );

  it('read-only does not block list', () => {
    expect(evaluate(readOnly, null, 'list')).toEqual({ allowed: true });
  });

  it('wrap follows Key Export, not Object Usage', () => {
    const key = permissiveKey('secret');
    expect(evaluate(usageOff, key, 'wrap')).toEqual({ allowed: true });
    expect(shapes(evaluate({ ...PERMISSIVE, keyExport: false }, key, 'wrap'))).toEqual([
      { kind: 'policy', policy: 'keyExport', code: 'EXPORT_NOT_ALLOWED' },
    ]);
  });

  it('wrap of a sensitive but extractable key works (wrapped export needs only extractable)', () => {
    expect(evaluate(PERMISSIVE, { ...permissiveKey('private'), sensitive: true }, 'wrap')).toEqual({ allowed: true });
  });

  it('unwrap follows Key Import, not Object Usage', () => {
    expect(evaluate(usageOff, null, 'unwrap')).toEqual({ allowed: true });
    expect(shapes(evaluate({ ...PERMISSIVE, keyImport: false }, null, 'unwrap'))).toEqual([
      { kind: 'policy', policy: 'keyImport', code: 'IMPORT_NOT_ALLOWED' },
    ]);
  });

  it('Key Import off does not block create or createSessionObject', () => {
    const policy: PartitionPolicy = { ...PERMISSIVE, keyImport: false };
    expect(evaluate(policy, null, 'create')).toEqual({ allowed: true });
    expect(evaluate(policy, null, 'createSessionObject')).toEqual({ allowed: true });
  });

  it('Client API Access off blocks every operation, whatever the key', () => {
    const offline: PartitionPolicy = { ...PERMISSIVE, clientApiAccess: false };
    for (const operation of OPERATIONS) {
      for (const key of keysFor(operation, permissiveKey)) {
        const decision = evaluate(offline, key, operation);
        expect(decision.allowed).toBe(false);
        if (!decision.allowed) {
          expect(decision.reasons[0]).toMatchObject({ kind: 'policy', policy: 'clientApiAccess', code: 'PARTITION_OFFLINE' });
        }
      }
    }
  });
});

describe('deleteEffect', () => {
  it('invalidates (to the bin) when Key Invalidation is enabled', () => {
    expect(deleteEffect({ ...PERMISSIVE, keyInvalidation: true })).toBe('invalidate');
  });

  it('destroys when Key Invalidation is disabled', () => {
    expect(deleteEffect({ ...PERMISSIVE, keyInvalidation: false })).toBe('destroy');
  });

  it('depends on Key Invalidation only', () => {
    expect(deleteEffect({ ...RESTRICTIVE, keyInvalidation: true })).toBe('invalidate');
    expect(deleteEffect({ ...RESTRICTIVE, keyInvalidation: false })).toBe('destroy');
  });
});

describe('createsObject', () => {
  const creating: ReadonlySet<Operation> = new Set(['create', 'importPlain', 'unwrap']);

  it.each([...OPERATIONS])('%s', (operation) => {
    // Session objects are not stored: they need no capacity and no label.
    expect(createsObject(operation)).toBe(creating.has(operation));
  });
});
