import Link from 'next/link';
import { logOutAction } from '@/lib/actions/log-out';
import { can } from '@/lib/auth/permissions';
import { ROLE_LABELS, type Actor } from '@/lib/auth/roles';

export function ConsoleHeader({ actor }: { actor: Actor }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/partitions" className="flex items-center gap-2 font-semibold">
          <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">
            P
          </span>
          Partition Console
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm">
          <Link href="/partitions" className="text-slate-700 hover:text-brand-700">
            Partitions
          </Link>
          {can(actor.role, 'bin.counts') ? (
            <Link href="/bin" className="text-slate-700 hover:text-brand-700">
              Bin
            </Link>
          ) : null}
          {can(actor.role, 'security_log.read') ? (
            <Link href="/security-log" className="text-slate-700 hover:text-brand-700">
              Security log
            </Link>
          ) : null}
          {can(actor.role, 'report.read') ? (
            <Link href="/reports" className="text-slate-700 hover:text-brand-700">
              Reports
            </Link>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span data-testid="current-user" className="min-w-0 max-w-64 text-right leading-tight">
            <span className="block truncate font-medium" title={actor.name}>
              {actor.name}
            </span>
            <span className="block text-xs text-slate-600">
              {ROLE_LABELS[actor.role]} · {actor.tenantId ? `tenant ${actor.tenantId}` : 'all tenants'}
            </span>
          </span>
          <form action={logOutAction}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
