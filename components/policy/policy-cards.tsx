'use client';

import { useQuery } from '@tanstack/react-query';
import type { PartitionView } from '@/lib/services/partitions';
import { PolicyCard } from './policy-card';

export function partitionQueryKey(id: string) {
  return ['partition', id] as const;
}

async function fetchPartition(id: string): Promise<PartitionView> {
  const response = await fetch(`/api/partitions/${encodeURIComponent(id)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(response.status === 404 ? 'No such partition.' : 'Could not load the partition.');
  return (await response.json()) as PartitionView;
}

/** Server-rendered first, then kept live by TanStack Query. */
export function PolicyCards({ initial }: { initial: PartitionView }) {
  const id = initial.partition.id;
  const { data } = useQuery({ queryKey: partitionQueryKey(id), queryFn: () => fetchPartition(id), initialData: initial });
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {data.cards.map((card) => (
        <PolicyCard
          key={card.policy}
          card={card}
          partition={data.partition}
          offline={card.policy === 'clientApiAccess' ? data.offline : null}
        />
      ))}
    </div>
  );
}
