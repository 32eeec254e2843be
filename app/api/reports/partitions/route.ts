import { z } from 'zod';
import { guardRoute } from '@/lib/http/route-guard';
import { listPartitions } from '@/lib/services/partitions';

export const dynamic = 'force-dynamic';

const Query = z.object({ q: z.string().trim().min(1).max(100) });

/** The report builder's partition picker: up to 20 visible partitions matching name, tenant or ID. */
export async function GET(request: Request) {
  return guardRoute('report.partition-search', 'report.create', async (ctx, actor) => {
    const query = Query.safeParse({ q: new URL(request.url).searchParams.get('q') ?? '' });
    if (!query.success) return Response.json({ partitions: [] });
    const page = await listPartitions(ctx, actor, { search: query.data.q, limit: 20 });
    return Response.json(
      { partitions: page.items.map((p) => ({ id: p.id, name: p.name, tenantName: p.tenantName })), total: page.total },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}
