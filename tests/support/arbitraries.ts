import fc from 'fast-check';

/**
 * Random and malformed form input for the property tests: the values attackers and broken clients
 * send (control characters, NUL, huge strings, injection payloads, lookalike booleans, prototype keys).
 */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\n\r\n',
  '\uFEFF',
  '\uD800',
  '😀'.repeat(50),
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'TRUE',
  ' true ',
  'yes',
  'false\u0000',
  '[object Object]',
  '{"__proto__":{"admin":true}}',
  "' OR '1'='1",
  "'; DROP TABLE audit_events; --",
  '$1',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'p/k/x',
  ',,,',
  '/',
  'a'.repeat(5_000),
] as const;

export const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', '$ACTION_ID_0', 'role', 'tenantId', 'userId', 'actor'] as const;

/** Any string a form field might carry. */
export const fieldValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1_000, maxLength: 60_000, unit: 'grapheme-ascii' }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.uuid() },
);

export type FormEdit = { kind: 'drop'; field: string } | { kind: 'set'; field: string; value: string } | { kind: 'add'; field: string; value: string };

/** 1-3 edits of a valid form: drop a field, replace a value, or add a field (known, forged or random name). */
export function formEdits(fields: readonly string[]): fc.Arbitrary<FormEdit[]> {
  const name = fc.oneof(fc.constantFrom(...fields), fc.constantFrom(...NASTY_KEYS), fc.string({ minLength: 1, maxLength: 12 }));
  const edit: fc.Arbitrary<FormEdit> = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...fields) }),
    fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...fields), value: fieldValue }),
    fc.record({ kind: fc.constant('add' as const), field: name, value: fieldValue }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 });
}

export function applyEdits(base: Record<string, string>, edits: readonly FormEdit[]): FormData {
  const form = new FormData();
  const fields = new Map(Object.entries(base));
  for (const edit of edits) {
    if (edit.kind === 'drop') fields.delete(edit.field);
    if (edit.kind === 'set') fields.set(edit.field, edit.value);
  }
  for (const [k, v] of fields) form.append(k, v);
  for (const edit of edits) if (edit.kind === 'add') form.append(edit.field, edit.value);
  return form;
}

/** A whole record of random fields: names from the schema, forged names and random ones. */
export function randomRecord(fields: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 10 })), fieldValue, {
    maxKeys: fields.length + 3,
  });
}

/** Property runs per check; FC_RUNS raises it for a longer local soak. */
export function runs(defaultRuns: number): number {
  return Number(process.env.FC_RUNS ?? defaultRuns);
}
