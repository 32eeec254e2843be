import { cache } from 'react';
import { currentActor } from '@/lib/auth/current';
import { getContext } from '@/lib/context';
import { partitionView, type PartitionView } from '@/lib/services/partitions';

/**
 * The partition's view, computed once per request: the tabs' layout (name, status, offline notice)
 * and the policies page (cards) both need it, and it costs four queries and the impact of every card.
 */
export const requestPartitionView = cache(async (id: string): Promise<PartitionView | null> => {
  const actor = await currentActor();
  if (!actor) return null;
  return partitionView(await getContext(), actor, id);
});
