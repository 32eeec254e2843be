import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';
import { baselineSchema } from '@/lib/schemas/baseline';
import { MAX_BIN_SELECTION, purgeKeysSchema, restoreKeysSchema } from '@/lib/schemas/bin';
import { formBoolean } from '@/lib/schemas/form-boolean';
import { inventoryFilterSchema } from '@/lib/schemas/inventory-filter';
import { loginSchema } from '@/lib/schemas/login';
import { partitionQuerySchema } from '@/lib/schemas/partition-query';
import { policyChangeSchema } from '@/lib/schemas/policy-change';
import { createReportSchema } from '@/lib/schemas/report';
import { AttackLog } from '../support/attack-log';
import { fieldValue, randomRecord, runs } from '../support/arbitraries';

const log = new AttackLog('schemas-property');
afterAll(() => log.write());

/** Every schema in lib/schemas with the field names its forms post. */
const SCHEMAS: [string, z.ZodType, string[]][] = [
  ['policy change', policyChangeSchema, ['partitionId', 'expectedVersion', 'idempotencyKey', 'confirm', 'reason', 'typedName', 'ticket', ...POLICY_IDS]],
  ['bin restore', restoreKeysSchema, ['idempotencyKey', 'keys']],
  ['bin purge', purgeKeysSchema, ['idempotencyKey', 'keys', 'confirmation']],
  ['report', createReportSchema, ['scope', 'tenantId', 'partitionIds', 'asOf', 'periodFrom', 'baseline', 'format', 'timeZone']],
  ['baseline', baselineSchema, [...POLICY_IDS]],
  ['login', loginSchema, ['email', 'password']],
  ['partition list query', partitionQuerySchema, ['q', 'sort', 'dir', 'cursor', 'tenant']],
  ['inventory filter', inventoryFilterSchema, ['type', 'blockedBy']],
];

const RUNS = runs(300);

describe.each(SCHEMAS)('%s schema', (name, schema, fields) => {
  it('never throws on random or malformed records, nor on values that are not records at all', () => {
    const input = fc.oneof(randomRecord(fields), fc.anything());
    fc.assert(
      fc.property(input, (value) => {
        const result = schema.safeParse(value);
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
    log.count('Schemas: random and malformed records', `${SCHEMAS.length} schemas (lib/schemas) x ${RUNS} random records`, 'never a throw: a typed result or field errors', RUNS);
  });
});

describe('what a schema accepts', () => {
  it('a switch value is true or false only for the listed spellings; anything else is a field error', () => {
    fc.assert(
      fc.property(fieldValue, (value) => {
        const result = formBoolean.safeParse(value);
        const normal = value.trim().toLowerCase();
        if (['true', 'on', '1'].includes(normal)) expect(result).toEqual({ success: true, data: true });
        else if (['false', 'off', '0', ''].includes(normal)) expect(result).toEqual({ success: true, data: false });
        else expect(result.success).toBe(false);
      }),
      { numRuns: RUNS },
    );
    log.count('Schemas: switch values', `${RUNS} random strings as a policy switch`, 'only true/on/1 and false/off/0/"" accepted', RUNS);
  });

  it('a policy change names exactly one policy; two policies in one request are always refused', () => {
    const twoPolicies = fc.uniqueArray(fc.constantFrom(...POLICY_IDS), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(twoPolicies, fc.uuid(), (policies, key) => {
        const record: Record<string, string> = { partitionId: 'p-1', expectedVersion: '1', idempotencyKey: key };
        for (const p of policies) record[p] = 'true';
        expect(policyChangeSchema.safeParse(record).success).toBe(false);
      }),
      { numRuns: RUNS },
    );
    log.count('Schemas: several policies in one save', `${RUNS} requests naming 2-8 policies`, 'always refused (one policy per save)', RUNS);
  });

  it('a bin selection that parses holds only well-formed, distinct references, at most 100', () => {
    const ref = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}\/[A-Za-z0-9_.-]{1,64}$/), fieldValue);
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 130 }), fc.uuid(), (refs, key) => {
        const result = restoreKeysSchema.safeParse({ idempotencyKey: key, keys: refs.join(',') });
        if (!result.success) return;
        expect(result.data.keys.length).toBeGreaterThan(0);
        expect(result.data.keys.length).toBeLessThanOrEqual(MAX_BIN_SELECTION);
        const seen = new Set(result.data.keys.map((k) => `${k.partitionId}/${k.keyId}`));
        expect(seen.size).toBe(result.data.keys.length);
        for (const k of result.data.keys) {
          expect(k.partitionId).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
          expect(k.keyId).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
        }
      }),
      { numRuns: RUNS },
    );
    log.count('Schemas: bin selections', `${RUNS} random key lists`, 'only well-formed, distinct references, at most 100', RUNS);
  });
});
