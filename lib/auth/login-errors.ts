import { CredentialsSignin } from 'next-auth';

/** Thrown from the credentials provider while sign-ins are rate limited; `code` reaches the login page. */
export class LoginRateLimited extends CredentialsSignin {
  override code = 'rate_limited';
}

export function isRateLimited(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'rate_limited';
}
