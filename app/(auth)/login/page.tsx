import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { oidcSettings } from '@/lib/auth/oidc';
import { LoginForm } from '@/components/auth/login-form';
import { SsoButton } from '@/components/auth/sso-button';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  AccessDenied: 'Your single sign-on account is not provisioned for this console. Ask a security officer to add it.',
  Configuration: 'Single sign-on is not available right now. Try again, or use your password.',
  Verification: 'The sign-in link is no longer valid. Start again.',
};

/** Errors of a sign-in that came back through Auth.js's own routes (SSO, or a direct credentials POST). */
function signInError(error: string, code: string | string[] | undefined): string {
  if (error === 'CredentialsSignin') {
    return code === 'rate_limited' ? 'Too many sign-in attempts; try again later.' : 'Wrong email or password.';
  }
  return ERRORS[error] ?? 'Single sign-on failed. Try again.';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  if (await currentActor()) redirect('/partitions');
  const { error, code } = await searchParams;
  const ssoError = typeof error === 'string' ? signInError(error, code) : null;
  const oidc = oidcSettings();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 font-bold text-white">
            P
          </span>
          <h1 className="text-xl font-semibold">Partition Console</h1>
        </div>
        {ssoError ? (
          <p role="alert" data-testid="sso-error" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {ssoError}
          </p>
        ) : null}
        {oidc ? (
          <>
            <SsoButton name={oidc.name} />
            <p className="my-4 text-center text-xs uppercase tracking-wide text-slate-500">or with a password</p>
          </>
        ) : null}
        <LoginForm />
      </div>
    </main>
  );
}
