import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';
import { getContext } from '@/lib/context';
import type { Actor } from './roles';
import { resolveActor } from './sessions';

const sessionOverride = new AsyncLocalStorage<string | null>();

/**
 * Runs `fn` as the holder of a store session, without a cookie: for integration tests that call
 * the real server actions. Only server code can reach it; no request can set it.
 */
export function runWithSession<T>(sessionId: string | null, fn: () => Promise<T>): Promise<T> {
  return sessionOverride.run(sessionId, fn);
}

export async function currentSessionId(): Promise<string | null> {
  const override = sessionOverride.getStore();
  if (override !== undefined) return override;
  const { auth } = await import('./config');
  const session = await auth();
  const sid = session && 'sid' in session ? session.sid : undefined;
  return typeof sid === 'string' ? sid : null;
}

/** The signed-in user, re-read from the store once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const ctx = await getContext();
  return resolveActor(ctx.db, await currentSessionId());
});
