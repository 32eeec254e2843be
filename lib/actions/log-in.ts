'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { signIn } from '@/lib/auth/config';
import { clientAddress } from '@/lib/auth/client-address';
import { isRateLimited } from '@/lib/auth/login-errors';
import { LOGIN_LIMITS, loginBlock, tooManyAttemptsMessage } from '@/lib/auth/login-limit';
import { getContext } from '@/lib/context';

export type LogInState = { error: string | null };

export async function logInAction(_previous: LogInState, formData: FormData): Promise<LogInState> {
  const email = formData.get('email');
  const password = formData.get('password');
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
    return { error: 'Enter your email and password.' };
  }
  try {
    await signIn('credentials', { email, password, redirectTo: '/partitions' });
    return { error: null };
  } catch (error) {
    // signIn throws a redirect on success: only Auth.js's own errors mean a failed login.
    if (!(error instanceof AuthError)) throw error;
    if (!isRateLimited(error)) return { error: 'Wrong email or password.' };
    // The address as the credentials provider saw it (see lib/auth/client-address.ts for where it comes from).
    const block = await loginBlock((await getContext()).db, email.toLowerCase(), clientAddress(await headers()));
    return { error: tooManyAttemptsMessage(block?.minutes ?? LOGIN_LIMITS.windowMinutes) };
  }
}
