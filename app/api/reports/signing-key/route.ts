import { guardRoute } from '@/lib/http/route-guard';
import { bytesResponse } from '@/lib/http/report-response';

export const dynamic = 'force-dynamic';

/** The public half of the HSM's report-signing key, PEM (report-signing-key.pem). */
export async function GET() {
  return guardRoute('report.signing-key', 'report.read', async (ctx) => {
    const key = await ctx.hsm.admin.reportSigningKey();
    return bytesResponse(Buffer.from(key.publicKeyPem), 'report-signing-key.pem', 'application/x-pem-file');
  });
}
