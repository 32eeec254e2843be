import { z } from 'zod';
import { guardRoute } from '@/lib/http/route-guard';
import { partitionView } from '@/lib/services/partitions';
import { logSecurityEvent } from '@/lib/services/security-log';

export const dynamic = 'force-dynamic';

const Id = z.string().min(1).max(64);

/** The partition page's live data (policies, what each change would do), for TanStack Query. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return guardRoute('readPartition', 'partition.status', async (ctx, actor) => {
    const id = Id.safeParse((await params).id);
    const view = id.success ? await partitionView(ctx, actor, id.data) : null;
    if (!view) {
      const target = String((await params).id).slice(0, 80);
      await logSecurityEvent(ctx.db, { actor, action: 'readPartition', target, reason: 'partition not found or outside scope' });
      return Response.json({ error: 'No such partition.' }, { status: 404 });
    }
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  });
}
