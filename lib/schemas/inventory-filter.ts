import { z } from 'zod';
import { KEY_ATTRIBUTE_IDS, POLICY_IDS } from '@/lib/policy';

export const inventoryFilterSchema = z.object({
  type: z.enum(['AES', 'RSA', 'EC']).optional().catch(undefined),
  blockedBy: z.enum([...POLICY_IDS, ...KEY_ATTRIBUTE_IDS]).optional().catch(undefined),
});
