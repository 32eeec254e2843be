'use server';

import { purgeKeysSchema } from '@/lib/schemas/bin';
import { purgeKeys } from '@/lib/services/bin-change';
import { runAction } from './wrapper';

/**
 * Purges binned keys for good (FormData: `keys`, `idempotencyKey`, and `confirmation`: the key's
 * label for one key, the number of keys for a selection). Refused without that confirmation.
 */
export async function purgeKeysAction(formData: FormData) {
  return runAction({ name: 'purgeKeys', permission: 'bin.manage', schema: purgeKeysSchema, run: purgeKeys }, formData);
}
