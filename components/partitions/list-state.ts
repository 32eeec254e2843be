import type { PartitionSort } from '@/lib/hsm/types';

export type ListState = { q?: string; sort: PartitionSort; dir: 'asc' | 'desc'; tenant?: string };

export function listHref(state: ListState, extra: { cursor?: string | null } = {}): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.tenant) params.set('tenant', state.tenant);
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.dir !== 'asc') params.set('dir', state.dir);
  if (extra.cursor) params.set('cursor', extra.cursor);
  const query = params.toString();
  return query ? `/partitions?${query}` : '/partitions';
}
