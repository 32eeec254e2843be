import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current';
import { getContext } from '@/lib/context';
import { BIN_WARNING_SHARE, partitionBinView } from '@/lib/services/bin';
import { BinHistory } from '@/components/bin/bin-history';
import { BinNotes } from '@/components/bin/bin-notes';
import { BinPager } from '@/components/bin/bin-pager';
import { BinSummary } from '@/components/bin/bin-summary';
import { BinTable } from '@/components/bin/bin-table';

export const metadata: Metadata = { title: 'Partition bin' };

const Cursor = z.string().max(400).optional().catch(undefined);

export default async function PartitionBinPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const id = decodeURIComponent((await params).id);
  const cursor = Cursor.parse((await searchParams).cursor) ?? null;
  const view = await partitionBinView(await getContext(), actor, id, cursor);
  if (!view) notFound();
  const [totals] = view.totals;
  return (
    <section aria-labelledby="bin-heading" className="space-y-4">
      <div>
        <h2 id="bin-heading" className="text-lg font-semibold">
          Key bin
        </h2>
        <p className="text-sm text-slate-600">
          Keys a client deleted while Key Invalidation was enabled. They look deleted to every client but keep their key ID, label and
          space until a security officer restores or purges them.
        </p>
      </div>
      <BinNotes notes={view.notes} />
      {totals ? <BinSummary totals={totals} warningShare={BIN_WARNING_SHARE} /> : null}
      {view.keys ? (
        <>
          {!view.canManage ? (
            <p className="text-sm text-slate-600" data-testid="bin-read-only">
              <span aria-hidden="true">🔒 </span>Read-only: only a security officer can restore or purge keys.
            </p>
          ) : null}
          <BinTable keys={view.keys.items} canManage={view.canManage} showPartition={false} />
          <BinPager path={`/partitions/${encodeURIComponent(id)}/bin`} nextCursor={view.keys.nextCursor} prevCursor={view.keys.prevCursor} />
        </>
      ) : (
        <p className="text-sm text-slate-600" data-testid="bin-counts-only">
          Provider support sees the bin&apos;s counts and sizes only, never key labels.
        </p>
      )}
      {view.history ? <BinHistory entries={view.history} showPartition={false} /> : null}
    </section>
  );
}
