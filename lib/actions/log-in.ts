'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/config';

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
    if (error instanceof AuthError) return { error: 'Wrong email or password.' };
    throw error;
  }
}
