import { guardRoute } from '@/lib/http/route-guard';
import { listVisibleReports } from '@/lib/services/reports';
import { toListItem } from '@/lib/services/report-list';

export const dynamic = 'force-dynamic';

/** The reports the user may see, with progress: polled by the reports page while one runs. */
export async function GET() {
  return guardRoute('report.list', 'report.read', async (ctx, actor) => {
    const reports = await listVisibleReports(ctx, actor);
    return Response.json({ reports: reports.map(toListItem) }, { headers: { 'cache-control': 'no-store' } });
  });
}
