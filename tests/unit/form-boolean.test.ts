import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POLICY_IDS, type PolicyId } from '@/lib/policy';
import { formBoolean } from '@/lib/schemas/form-boolean';
import { policyChangeSchema } from '@/lib/schemas/policy-change';

describe('formBoolean', () => {
  it.each(['false', 'off', '0', ''])('%j is false', (value) => {
    expect(formBoolean.parse(value)).toBe(false);
  });

  it.each(['true', 'on', '1'])('%j is true', (value) => {
    expect(formBoolean.parse(value)).toBe(true);
  });

  it.each([
    ['TRUE', true],
    [' On ', true],
    ['False', false],
    [' OFF', false],
  ] as const)('%j is read case- and space-insensitively as %s', (value, expected) => {
    expect(formBoolean.parse(value)).toBe(expected);
  });

  it.each(['maybe', 'yes', 'no', '2', 'truee', 'null', 'undefined'])('%j is an error', (value) => {
    const result = formBoolean.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`"${value}" is not true or false.`);
  });

  it('quotes at most 20 characters of a bad value', () => {
    const result = formBoolean.safeParse('x'.repeat(100));
    expect(result.error?.issues[0]?.message).toBe(`"${'x'.repeat(20)}" is not true or false.`);
  });

  it.each([undefined, null, true, 0])('a non-string (%j) is an error', (value) => {
    expect(formBoolean.safeParse(value).success).toBe(false);
  });
});

/** What a server action receives: FormData flattened to strings, as lib/actions/wrapper.ts does. */
function form(fields: Record<string, string>): Record<string, string> {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  const record: Record<string, string> = {};
  for (const [name, value] of data.entries()) record[name] = typeof value === 'string' ? value : '';
  return record;
}

function base(): Record<string, string> {
  return { partitionId: 'part-1', expectedVersion: '4', idempotencyKey: randomUUID() };
}

function issuePaths(input: Record<string, string>): string[] {
  const result = policyChangeSchema.safeParse(form(input));
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('policyChangeSchema', () => {
  it.each([...POLICY_IDS])('accepts exactly one policy field: %s', (policy) => {
    for (const [posted, value] of [
      ['true', true],
      ['false', false],
    ] as const) {
      const input = { ...base(), [policy]: posted };
      const result = policyChangeSchema.parse(form(input));
      expect(result.policy).toBe(policy);
      expect(result.value).toBe(value);
    }
  });

  it('returns the whole change, with absent optional fields as null', () => {
    const idempotencyKey = randomUUID();
    const input = { ...base(), idempotencyKey, keyExport: 'on' };
    expect(policyChangeSchema.parse(form(input))).toEqual({
      partitionId: 'part-1',
      expectedVersion: 4,
      idempotencyKey,
      confirm: null,
      reason: null,
      typedName: null,
      ticket: null,
      policy: 'keyExport',
      value: true,
    });
  });

  it('leaves absent policies unchanged: they are not in the output', () => {
    const result = policyChangeSchema.parse(form({ ...base(), objectUsage: 'false' }));
    const others: PolicyId[] = POLICY_IDS.filter((id) => id !== 'objectUsage');
    for (const id of others) expect(Object.keys(result)).not.toContain(id);
    expect(Object.keys(result)).not.toContain('objectUsage');
    expect(result).toMatchObject({ policy: 'objectUsage', value: false });
  });

  it('reads an empty switch value as an explicit false', () => {
    expect(policyChangeSchema.parse(form({ ...base(), readOnly: '' }))).toMatchObject({
      policy: 'readOnly',
      value: false,
    });
  });

  it('carries confirm, trimmed reason, typed name and ticket', () => {
    const result = policyChangeSchema.parse(
      form({
        ...base(),
        clientApiAccess: 'false',
        confirm: 'outage',
        reason: '  maintenance window  ',
        typedName: ' part-1 ',
        ticket: 'SUP-42',
      }),
    );
    expect(result).toMatchObject({
      confirm: 'outage',
      reason: 'maintenance window',
      typedName: 'part-1',
      ticket: 'SUP-42',
    });
  });

  it('treats a blank reason as no reason', () => {
    expect(policyChangeSchema.parse(form({ ...base(), keyImport: 'true', reason: '   ' })).reason).toBeNull();
  });

  it('refuses zero policy fields', () => {
    const result = policyChangeSchema.safeParse(form(base()));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ path: ['policy'], message: 'No policy to change was given.' }]);
  });

  it('refuses two policy fields', () => {
    const result = policyChangeSchema.safeParse(form({ ...base(), keyImport: 'true', keyExport: 'false' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ path: ['policy'], message: 'Change one policy per save.' }]);
  });

  it('refuses two policy fields even when both say the same', () => {
    expect(issuePaths({ ...base(), objectUsage: 'false', clientApiAccess: 'false' })).toEqual(['policy']);
  });

  it('refuses a switch value that is not a boolean, on that field', () => {
    expect(issuePaths({ ...base(), keyExport: 'maybe' })).toEqual(['keyExport']);
  });

  it.each(['not-a-uuid', '', '12345678-1234-1234-1234-1234567890'])(
    'refuses a non-uuid idempotencyKey (%j)',
    (idempotencyKey) => {
      expect(issuePaths({ ...base(), idempotencyKey, keyImport: 'true' })).toEqual(['idempotencyKey']);
    },
  );

  it('refuses a missing idempotencyKey', () => {
    expect(issuePaths({ partitionId: 'part-1', expectedVersion: '4', keyImport: 'true' })).toEqual(['idempotencyKey']);
  });

  it('refuses an unknown confirm class, including "safe"', () => {
    expect(issuePaths({ ...base(), keyImport: 'true', confirm: 'safe' })).toEqual(['confirm']);
  });

  it('refuses a non-numeric or negative expected version', () => {
    expect(issuePaths({ ...base(), keyImport: 'true', expectedVersion: 'abc' })).toEqual(['expectedVersion']);
    expect(issuePaths({ ...base(), keyImport: 'true', expectedVersion: '-1' })).toEqual(['expectedVersion']);
  });

  it('refuses a reason over 500 characters', () => {
    expect(issuePaths({ ...base(), keyImport: 'true', reason: 'r'.repeat(501) })).toEqual(['reason']);
  });
});
