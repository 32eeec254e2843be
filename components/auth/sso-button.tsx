import { logInWithSsoAction } from '@/lib/actions/log-in-sso';

export function SsoButton({ name }: { name: string }) {
  return (
    <form action={logInWithSsoAction}>
      <button
        type="submit"
        className="w-full rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
      >
        Sign in with {name}
      </button>
    </form>
  );
}
