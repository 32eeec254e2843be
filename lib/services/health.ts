import { getContext } from '@/lib/context';

export type Health = {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  hsm: 'ok' | 'unreachable';
};

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref()),
  ]);
}

export async function checkHealth(): Promise<Health> {
  let ctx;
  try {
    ctx = await withTimeout(getContext());
  } catch {
    return { status: 'degraded', database: 'unreachable', hsm: 'unreachable' };
  }
  const [database, hsm] = await Promise.all([
    withTimeout(ctx.db.query('SELECT 1')).then(() => 'ok' as const, () => 'unreachable' as const),
    withTimeout(ctx.hsm.admin.health()).then(() => 'ok' as const, () => 'unreachable' as const),
  ]);
  return { status: database === 'ok' && hsm === 'ok' ? 'ok' : 'degraded', database, hsm };
}
