import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { testContext } from '../support/context';

describe('GET /api/health', () => {
  it('answers 200 naming both parts reachable, and 503 naming the failing part once the store is gone', async () => {
    const ctx = await testContext();
    const up = await GET();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', database: 'ok', hsm: 'ok' });
    expect(up.headers.get('cache-control')).toBe('no-store');

    await ctx.db.close();
    const down = await GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', database: 'unreachable', hsm: 'unreachable' });
  });
});
