import { describe, expect, it } from 'vitest';
import {
  evaluate,
  KEY_OPERATIONS,
  OPERATION_LABELS,
  OPERATIONS,
  POLICY_CATALOG,
  POLICY_IDS,
  policyEntry,
  valueWord,
  type KeyAttributes,
  type Operation,
  type PartitionPolicy,
  type PolicyId,
} from '@/lib/policy';

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

/** A secret key that no attribute check refuses (secret, so Object Usage applies to it). */
const PERMISSIVE_KEY: KeyAttributes = {
  keyClass: 'secret',
  extractable: true,
  sensitive: false,
  modifiable: true,
  destroyable: true,
  alwaysSensitive: false,
  neverExtractable: false,
};

function keyFor(operation: Operation): KeyAttributes | null {
  return (KEY_OPERATIONS as readonly Operation[]).includes(operation) ? PERMISSIVE_KEY : null;
}

function policiesNamed(policy: PartitionPolicy, operation: Operation): PolicyId[] {
  const decision = evaluate(policy, keyFor(operation), operation);
  if (decision.allowed) return [];
  return decision.reasons.flatMap((reason) => (reason.kind === 'policy' ? [reason.policy] : []));
}

/** The vendor's numbers and value words, from DOMAIN.md's table order. */
const EXPECTED: Record<PolicyId, { number: number; label: string; on: string; off: string }> = {
  keyImport: { number: 1, label: 'Key Import', on: 'Allowed', off: 'Not allowed' },
  keyExport: { number: 2, label: 'Key Export', on: 'Allowed', off: 'Not allowed' },
  keyInvalidation: { number: 3, label: 'Key Invalidation', on: 'Enabled', off: 'Disabled' },
  readOnly: { number: 4, label: 'Partition Read-Only', on: 'Enabled', off: 'Disabled' },
  sessionObjects: { number: 5, label: 'Session Objects', on: 'Enabled', off: 'Disabled' },
  objectDestruction: { number: 6, label: 'Object Destruction', on: 'Enabled', off: 'Disabled' },
  objectUsage: { number: 7, label: 'Object Usage', on: 'Enabled', off: 'Disabled' },
  clientApiAccess: { number: 8, label: 'Client API Access', on: 'Enabled', off: 'Disabled' },
};

describe('POLICY_CATALOG', () => {
  it('has all eight policies, once each', () => {
    expect(POLICY_CATALOG).toHaveLength(8);
    expect(POLICY_CATALOG.map((entry) => entry.id).sort()).toEqual([...POLICY_IDS].sort());
  });

  it('numbers them 1..8, uniquely, in catalog order', () => {
    expect(POLICY_CATALOG.map((entry) => entry.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([...POLICY_IDS])('%s: number, label, value words and texts', (id) => {
    const entry = policyEntry(id);
    const expected = EXPECTED[id];
    expect(entry.id).toBe(id);
    expect(entry.number).toBe(expected.number);
    expect(entry.label).toBe(expected.label);
    expect(entry.words).toEqual({ on: expected.on, off: expected.off });
    expect(valueWord(id, true)).toBe(expected.on);
    expect(valueWord(id, false)).toBe(expected.off);
    expect(entry.explanation.length).toBeGreaterThan(0);
    expect(entry.effectWhen.on.length).toBeGreaterThan(0);
    expect(entry.effectWhen.off.length).toBeGreaterThan(0);
  });

  it('policyEntry refuses an unknown id', () => {
    expect(() => policyEntry('noSuchPolicy' as PolicyId)).toThrow(/unknown policy/);
  });

  it('lists only known operations in blocksWhen, without duplicates', () => {
    for (const entry of POLICY_CATALOG) {
      for (const side of [entry.blocksWhen.on, entry.blocksWhen.off]) {
        for (const operation of side) expect(OPERATIONS).toContain(operation);
        expect(new Set(side).size).toBe(side.length);
      }
    }
  });

  it('labels every operation', () => {
    for (const operation of OPERATIONS) expect(OPERATION_LABELS[operation].length).toBeGreaterThan(0);
  });
});

describe('blocksWhen agrees with evaluate', () => {
  type Case = { id: PolicyId; value: boolean; operation: Operation; blocks: boolean };
  const cases: Case[] = [];
  for (const entry of POLICY_CATALOG) {
    for (const value of [true, false]) {
      const listed: readonly Operation[] = value ? entry.blocksWhen.on : entry.blocksWhen.off;
      for (const operation of OPERATIONS) {
        cases.push({ id: entry.id, value, operation, blocks: listed.includes(operation) });
      }
    }
  }

  it('has 8 policies x 2 values x 15 operations cases', () => {
    expect(cases).toHaveLength(8 * 2 * 15);
  });

  it.each(cases.filter((c) => c.blocks))(
    '$id=$value blocks $operation, naming $id',
    ({ id, value, operation }) => {
      expect(policiesNamed({ ...PERMISSIVE, [id]: value }, operation)).toContain(id);
    },
  );

  it.each(cases.filter((c) => !c.blocks))(
    '$id=$value does not block $operation',
    ({ id, value, operation }) => {
      expect(policiesNamed({ ...PERMISSIVE, [id]: value }, operation)).not.toContain(id);
    },
  );

  it('the permissive policy and key block nothing', () => {
    for (const operation of OPERATIONS) expect(policiesNamed(PERMISSIVE, operation)).toEqual([]);
  });
});
