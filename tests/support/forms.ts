import { randomUUID } from 'node:crypto';

/** Builds the FormData a policy switch posts. */
export function policyForm(fields: Record<string, string | number>): FormData {
  const form = new FormData();
  form.set('idempotencyKey', randomUUID());
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  return form;
}
