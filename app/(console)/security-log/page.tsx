import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { getContext } from '@/lib/context';
import { listSecurityLog } from '@/lib/services/security-log';
import { formatTime } from '@/components/format';

export const metadata: Metadata = { title: 'Security log' };

export default async function SecurityLogPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!can(actor.role, 'security_log.read')) notFound();
  const entries = await listSecurityLog((await getContext()).db, actor.tenantId);
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Security log</h1>
      <p className="text-sm text-slate-600">Denied and invalid attempts{actor.tenantId ? ' by users of your tenant' : ''}, newest first.</p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="security-log-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Time</th>
              <th scope="col" className="px-3 py-2">Who</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Target</th>
              <th scope="col" className="px-3 py-2">Why refused</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-8 text-center text-slate-600">
                  Nothing refused yet.
                </td>
              </tr>
            ) : null}
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(e.at)}</td>
                <td className="px-3 py-2">
                  {e.userName ?? 'anonymous'}
                  {e.role ? <div className="text-xs text-slate-500">{ROLE_LABELS[e.role as Role] ?? e.role}</div> : null}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.target ?? '—'}</td>
                <td className="px-3 py-2">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
