import type { OfflineNotice } from '@/lib/services/partitions';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatTime } from '@/components/format';

export function OfflineBanner({ notice }: { notice: OfflineNotice }) {
  const role = ROLE_LABELS[notice.role as Role] ?? notice.role;
  return (
    <div role="status" data-testid="offline-banner" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">
        <span aria-hidden="true">■ </span>This partition is offline: every client API call fails.
      </p>
      <p className="mt-1">
        Since <time dateTime={notice.since}>{formatTime(notice.since)}</time>, by {notice.by} ({role})
        {notice.reason ? <> — “{notice.reason}”</> : null}
        {notice.ticket ? <> · ticket {notice.ticket}</> : null}
      </p>
    </div>
  );
}
