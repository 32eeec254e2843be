import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  impactOf,
  type ImpactLine,
  type KeyAttributes,
  type KeyClass,
  type KeyProfile,
  type PartitionPolicy,
} from '@/lib/policy';

function key(keyClass: KeyClass, attributes: Partial<Omit<KeyAttributes, 'keyClass'>>): KeyAttributes {
  return {
    keyClass,
    extractable: false,
    sensitive: true,
    modifiable: true,
    destroyable: true,
    alwaysSensitive: false,
    neverExtractable: false,
    ...attributes,
  };
}

/**
 * 17 private keys in two groups (so counts must add up across entries), 5 secret keys, 4 public keys,
 * used by 3 clients.
 */
const PROFILE: KeyProfile = {
  clients: 3,
  keys: [
    { attributes: key('private', { extractable: false, modifiable: false, destroyable: true }), count: 10 },
    { attributes: key('private', { extractable: true, modifiable: true, destroyable: false }), count: 7 },
    { attributes: key('secret', { extractable: true }), count: 5 },
    { attributes: key('public', { extractable: true, sensitive: false }), count: 4 },
  ],
};

/** The demo defaults: Import allowed, Export not allowed, everything else enabled, Read-Only disabled. */
const CURRENT: PartitionPolicy = DEFAULT_POLICY;

const ALL_USES = 'signing, verifying, encrypting, decrypting and deriving';

function texts(lines: ImpactLine[]): string[] {
  return lines.map((line) => line.text);
}

describe('impactOf: Object Usage', () => {
  it('off: secret and private keys stop every use; public keys are untouched', () => {
    expect(impactOf(CURRENT, 'objectUsage', false, PROFILE)).toEqual([
      { operation: 'sign', keyClass: 'secret', count: 5, direction: 'lose', text: `5 secret keys will stop ${ALL_USES}.` },
      {
        operation: 'sign',
        keyClass: 'private',
        count: 17,
        direction: 'lose',
        text: `17 private keys will stop ${ALL_USES}.`,
      },
    ]);
  });

  it('off with exactly the 17 private keys of the issue: they stop signing', () => {
    const profile: KeyProfile = { clients: 1, keys: [{ attributes: key('private', {}), count: 17 }] };
    const [line, ...rest] = impactOf(CURRENT, 'objectUsage', false, profile);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ operation: 'sign', keyClass: 'private', count: 17, direction: 'lose' });
    expect(line?.text).toMatch(/^17 private keys will stop signing\b/);
  });

  it('back on: the same keys gain', () => {
    expect(texts(impactOf({ ...CURRENT, objectUsage: false }, 'objectUsage', true, PROFILE))).toEqual([
      `5 secret keys will start ${ALL_USES}.`,
      `17 private keys will start ${ALL_USES}.`,
    ]);
  });

  it('uses the singular for one key', () => {
    const profile: KeyProfile = { clients: 1, keys: [{ attributes: key('secret', {}), count: 1 }] };
    expect(texts(impactOf(CURRENT, 'objectUsage', false, profile))).toEqual([`1 secret key will stop ${ALL_USES}.`]);
  });
});

describe('impactOf: Client API Access', () => {
  it('off: every client loses access', () => {
    expect(impactOf(CURRENT, 'clientApiAccess', false, PROFILE)).toEqual([
      {
        operation: 'list',
        keyClass: null,
        count: 3,
        direction: 'lose',
        text: '3 clients will lose access: every JCE, PKCS#11, MSCNG and REST call fails.',
      },
    ]);
  });

  it('on: every client regains access', () => {
    expect(impactOf({ ...CURRENT, clientApiAccess: false }, 'clientApiAccess', true, PROFILE)).toEqual([
      { operation: 'list', keyClass: null, count: 3, direction: 'gain', text: '3 clients will regain access.' },
    ]);
  });

  it('uses the singular for one client', () => {
    expect(texts(impactOf(CURRENT, 'clientApiAccess', false, { ...PROFILE, clients: 1 }))).toEqual([
      '1 client will lose access: every JCE, PKCS#11, MSCNG and REST call fails.',
    ]);
  });
});

describe('impactOf: Read-Only', () => {
  it('on: modifiable keys stop being modified, destroyable keys stop being deleted, clients stop creating', () => {
    expect(impactOf(CURRENT, 'readOnly', true, PROFILE)).toEqual([
      {
        operation: 'modify',
        keyClass: 'secret',
        count: 5,
        direction: 'lose',
        text: '5 secret keys will stop being modified and being deleted.',
      },
      { operation: 'modify', keyClass: 'private', count: 7, direction: 'lose', text: '7 private keys will stop being modified.' },
      {
        operation: 'modify',
        keyClass: 'public',
        count: 4,
        direction: 'lose',
        text: '4 public keys will stop being modified and being deleted.',
      },
      { operation: 'delete', keyClass: 'private', count: 10, direction: 'lose', text: '10 private keys will stop being deleted.' },
      {
        operation: 'create',
        keyClass: null,
        count: 3,
        direction: 'lose',
        text: '3 clients can no longer create keys, import keys and unwrap keys.',
      },
    ]);
  });

  it('lists the same lines in the same order whatever order the backend gave the profile in', () => {
    const reversed: KeyProfile = { ...PROFILE, keys: [...PROFILE.keys].reverse() };
    const rotated: KeyProfile = { ...PROFILE, keys: [...PROFILE.keys.slice(2), ...PROFILE.keys.slice(0, 2)] };
    for (const policy of ['readOnly', 'objectUsage', 'objectDestruction', 'keyExport'] as const) {
      const to = !CURRENT[policy];
      expect(impactOf(CURRENT, policy, to, reversed), policy).toEqual(impactOf(CURRENT, policy, to, PROFILE));
      expect(impactOf(CURRENT, policy, to, rotated), policy).toEqual(impactOf(CURRENT, policy, to, PROFILE));
    }
  });

  it('on: does not touch session keys, signing or export', () => {
    const lines = impactOf(CURRENT, 'readOnly', true, PROFILE);
    expect(texts(lines).join(' ')).not.toMatch(/session|signing|exported|wrapped/);
  });

  it('off again: the same calls come back', () => {
    const lines = impactOf({ ...CURRENT, readOnly: true }, 'readOnly', false, PROFILE);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line.direction).toBe('gain');
    expect(texts(lines)).toContain('7 private keys will start being modified.');
    expect(texts(lines)).toContain('3 clients will be able to create keys, import keys and unwrap keys.');
  });

  it('different keys with equal counts get separate lines (20 keys affected, not 10)', () => {
    const profile: KeyProfile = {
      clients: 2,
      keys: [
        { attributes: key('private', { modifiable: false, destroyable: true }), count: 10 },
        { attributes: key('private', { modifiable: true, destroyable: false }), count: 10 },
      ],
    };
    expect(texts(impactOf(CURRENT, 'readOnly', true, profile))).toEqual([
      '10 private keys will stop being modified.',
      '10 private keys will stop being deleted.',
      '2 clients can no longer create keys, import keys and unwrap keys.',
    ]);
  });
});

describe('impactOf: Key Export and Key Import', () => {
  it('allowing export: extractable keys start being wrapped; only non-sensitive ones in plain form', () => {
    expect(impactOf(CURRENT, 'keyExport', true, PROFILE)).toEqual([
      {
        operation: 'exportPlain',
        keyClass: 'public',
        count: 4,
        direction: 'gain',
        text: '4 public keys will start being exported in plain form and being wrapped.',
      },
      { operation: 'wrap', keyClass: 'secret', count: 5, direction: 'gain', text: '5 secret keys will start being wrapped.' },
      { operation: 'wrap', keyClass: 'private', count: 7, direction: 'gain', text: '7 private keys will start being wrapped.' },
    ]);
  });

  it('forbidding export again loses the same', () => {
    expect(texts(impactOf({ ...CURRENT, keyExport: true }, 'keyExport', false, PROFILE))).toEqual([
      '4 public keys will stop being exported in plain form and being wrapped.',
      '5 secret keys will stop being wrapped.',
      '7 private keys will stop being wrapped.',
    ]);
  });

  it('forbidding import: clients can no longer import or unwrap', () => {
    expect(impactOf(CURRENT, 'keyImport', false, PROFILE)).toEqual([
      {
        operation: 'importPlain',
        keyClass: null,
        count: 3,
        direction: 'lose',
        text: '3 clients can no longer import keys and unwrap keys.',
      },
    ]);
  });

  it('allowing import: clients will be able to import and unwrap', () => {
    expect(texts(impactOf({ ...CURRENT, keyImport: false }, 'keyImport', true, PROFILE))).toEqual([
      '3 clients will be able to import keys and unwrap keys.',
    ]);
  });
});

describe('impactOf: Session Objects, Object Destruction, Key Invalidation', () => {
  it('Session Objects off: clients can no longer create session keys', () => {
    expect(impactOf(CURRENT, 'sessionObjects', false, PROFILE)).toEqual([
      {
        operation: 'createSessionObject',
        keyClass: null,
        count: 3,
        direction: 'lose',
        text: '3 clients can no longer create session keys.',
      },
    ]);
  });

  it('Session Objects on: clients will be able to create session keys', () => {
    expect(texts(impactOf({ ...CURRENT, sessionObjects: false }, 'sessionObjects', true, PROFILE))).toEqual([
      '3 clients will be able to create session keys.',
    ]);
  });

  it('Object Destruction off: destroyable keys stop being deleted', () => {
    expect(texts(impactOf(CURRENT, 'objectDestruction', false, PROFILE))).toEqual([
      '5 secret keys will stop being deleted.',
      '10 private keys will stop being deleted.',
      '4 public keys will stop being deleted.',
    ]);
  });

  it('Key Invalidation off: deletes become permanent', () => {
    expect(impactOf(CURRENT, 'keyInvalidation', false, PROFILE)).toEqual([
      {
        operation: 'delete',
        keyClass: null,
        count: 3,
        direction: 'lose',
        text: 'Deletes become permanent from now on; keys already in the bin stay restorable.',
      },
    ]);
  });

  it('Key Invalidation on: deleted keys go to the bin', () => {
    expect(impactOf({ ...CURRENT, keyInvalidation: false }, 'keyInvalidation', true, PROFILE)).toEqual([
      {
        operation: 'delete',
        keyClass: null,
        count: 3,
        direction: 'gain',
        text: 'Deleted keys will go to the bin and can be restored.',
      },
    ]);
  });
});

describe('impactOf: computed against the whole current policy', () => {
  it('nothing changes for clients of an offline partition', () => {
    expect(impactOf({ ...CURRENT, clientApiAccess: false }, 'objectUsage', false, PROFILE)).toEqual([]);
  });

  it('deletes already refused by Read-Only are not counted again', () => {
    expect(impactOf({ ...CURRENT, readOnly: true }, 'objectDestruction', false, PROFILE)).toEqual([]);
  });

  it('an empty key profile loses no keys', () => {
    expect(impactOf(CURRENT, 'objectUsage', false, { clients: 0, keys: [] })).toEqual([]);
  });

  it('does not mutate the current policy', () => {
    const current: PartitionPolicy = { ...CURRENT };
    impactOf(current, 'objectUsage', false, PROFILE);
    expect(current).toEqual(CURRENT);
  });
});
