import { z } from 'zod';
import type { BinKeyRef } from './bin-keys';

/** Most keys one restore or purge may name. */
export const MAX_BIN_SELECTION = 100;

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

export { binKeysField, type BinKeyRef } from './bin-keys';

/** `keys`: one or more `partitionId/keyId`, comma-separated; duplicates are dropped. */
const binKeys = z
  .string({ error: 'Select at least one key.' })
  .transform((value, context): BinKeyRef[] => {
    const refs = new Map<string, BinKeyRef>();
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [partitionId, keyId, extra] = part.split('/');
      if (!partitionId || !keyId || extra !== undefined || !ID.test(partitionId) || !ID.test(keyId)) {
        context.addIssue({ code: 'custom', message: `"${part.slice(0, 80)}" is not a key reference.` });
        return z.NEVER;
      }
      refs.set(`${partitionId}/${keyId}`, { partitionId, keyId });
    }
    if (refs.size === 0) {
      context.addIssue({ code: 'custom', message: 'Select at least one key.' });
      return z.NEVER;
    }
    if (refs.size > MAX_BIN_SELECTION) {
      context.addIssue({ code: 'custom', message: `Select at most ${MAX_BIN_SELECTION} keys at a time.` });
      return z.NEVER;
    }
    return [...refs.values()];
  });

const submission = z.uuid('The form is missing its submission id. Reload the page.');

/** Restore: the selection and the submission's idempotency key (made when the dialog opens). */
export const restoreKeysSchema = z.object({ idempotencyKey: submission, keys: binKeys });

/** Purge also carries the typed confirmation: the key's label for one key, the count for a selection. */
export const purgeKeysSchema = z.object({
  idempotencyKey: submission,
  keys: binKeys,
  confirmation: z
    .string()
    .max(200, 'At most 200 characters.')
    .optional()
    .transform((v) => v?.trim() ?? ''),
});

export type RestoreKeysForm = z.output<typeof restoreKeysSchema>;
export type PurgeKeysForm = z.output<typeof purgeKeysSchema>;
