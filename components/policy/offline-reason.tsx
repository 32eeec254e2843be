import type { OfflineNotice } from '@/lib/services/partitions';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatTime } from '@/components/format';

/** In the "bring online" dialog: why, since when and by whom the partition went offline. */
export function OfflineReason({ notice }: { notice: OfflineNotice }) {
  const role = ROLE_LABELS[notice.role as Role] ?? notice.role;
  return (
    <div data-testid="offline-reason" className="rounded-lg border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-semibold">Why it went offline</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <dt className="text-slate-500">Since</dt>
        <dd>
          <time dateTime={notice.since}>{formatTime(notice.since)}</time>
        </dd>
        <dt className="text-slate-500">By</dt>
        <dd>
          {notice.by} ({role})
        </dd>
        <dt className="text-slate-500">Reason</dt>
        <dd>{notice.reason ?? 'none recorded'}</dd>
        <dt className="text-slate-500">Ticket</dt>
        <dd>{notice.ticket ?? 'none'}</dd>
      </dl>
    </div>
  );
}
