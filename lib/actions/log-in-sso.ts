'use server';

import { signIn } from '@/lib/auth/config';
import { oidcSettings } from '@/lib/auth/oidc';

/** Starts the OIDC flow; the identity provider sends the user back to /api/auth/callback/oidc. */
export async function logInWithSsoAction(): Promise<void> {
  if (!oidcSettings()) return;
  await signIn('oidc', { redirectTo: '/partitions' });
}
