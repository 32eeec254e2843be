'use server';

import { getContext } from '@/lib/context';
import { signOut } from '@/lib/auth/config';
import { currentSessionId } from '@/lib/auth/current';
import { revokeSession } from '@/lib/auth/sessions';

/** Ends the store session first, so the cookie is worthless even if it survives. */
export async function logOutAction(): Promise<void> {
  const sessionId = await currentSessionId();
  if (sessionId) await revokeSession((await getContext()).db, sessionId);
  await signOut({ redirectTo: '/login' });
}
