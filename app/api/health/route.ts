import { checkHealth } from '@/lib/services/health';

export const dynamic = 'force-dynamic';

/** Public: says only whether the database and the HSM backend answer. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
