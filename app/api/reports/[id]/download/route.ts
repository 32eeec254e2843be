import { z } from 'zod';
import { guardRoute } from '@/lib/http/route-guard';
import { failureResponse, reportFileResponse } from '@/lib/http/report-response';
import { authorizeDownload } from '@/lib/services/reports';

export const dynamic = 'force-dynamic';

const Id = z.string().regex(/^rep_[a-z0-9]{1,32}$/);

/** The report file (audited: who downloaded which report, when). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return guardRoute('report.download', 'report.read', async (ctx, actor) => {
    const id = Id.safeParse((await params).id);
    if (!id.success) return failureResponse('not-found', 'No such report.');
    const result = await authorizeDownload(ctx, actor, id.data, 'report.download');
    if (!result.ok) return failureResponse(result.code, result.error);
    return reportFileResponse(ctx.db, result.data);
  });
}
