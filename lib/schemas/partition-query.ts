import { z } from 'zod';
import { PARTITION_SORTS } from '@/lib/hsm/types';

/** The longest search term; the search box stops there too. */
export const SEARCH_MAX_LENGTH = 100;

/** The partitions list's URL parameters; anything unexpected falls back to the default. */
export const partitionQuerySchema = z.object({
  q: z.string().max(SEARCH_MAX_LENGTH).optional().catch(undefined),
  sort: z.enum(PARTITION_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
  // The tenant filter's "All tenants" option posts an empty value: that is no filter, not tenant "".
  tenant: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined),
});
