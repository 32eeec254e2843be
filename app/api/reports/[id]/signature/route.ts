import { z } from 'zod';
import { guardRoute } from '@/lib/http/route-guard';
import { bytesResponse, failureResponse } from '@/lib/http/report-response';
import { authorizeDownload } from '@/lib/services/reports';
import { readSignature } from '@/lib/services/report-store';

export const dynamic = 'force-dynamic';

const Id = z.string().regex(/^rep_[a-z0-9]{1,32}$/);

/** The detached signature (DER ECDSA over SHA-256 of the file), named `<report file>.sig`. Audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return guardRoute('report.signature', 'report.read', async (ctx, actor) => {
    const id = Id.safeParse((await params).id);
    if (!id.success) return failureResponse('not-found', 'No such report.');
    const result = await authorizeDownload(ctx, actor, id.data, 'report.signature');
    if (!result.ok) return failureResponse(result.code, result.error);
    const signature = await readSignature(ctx.db, id.data);
    if (!signature) return failureResponse('conflict', 'This report is not signed yet.');
    return bytesResponse(signature, `${result.data.fileName}.sig`, 'application/octet-stream');
  });
}
