'use server';

import { restoreKeysSchema } from '@/lib/schemas/bin';
import { restoreKeys } from '@/lib/services/bin-change';
import { runAction } from './wrapper';

/** Restores binned keys (FormData: `keys` = partitionId/keyId,… and the submission's `idempotencyKey`). */
export async function restoreKeysAction(formData: FormData) {
  return runAction({ name: 'restoreKeys', permission: 'bin.manage', schema: restoreKeysSchema, run: restoreKeys }, formData);
}
