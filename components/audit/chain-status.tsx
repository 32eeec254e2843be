import type { ChainStatus } from '@/lib/audit/verify';
import { Badge } from '@/components/ui/badge';

/** The partition's audit chain, verified when the page renders: intact, or the first broken record. */
export function ChainStatusNote({ status }: { status: ChainStatus }) {
  if (!status.broken) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="audit-chain-status">
        <Badge tone="green">✓ Chain verified</Badge>
        <span>
          {status.records} audit record{status.records === 1 ? '' : 's'} (a change writes two: its intent and its outcome), each linked
          by hash to the one before: none was changed or removed.
        </span>
      </p>
    );
  }
  return (
    <p role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="audit-chain-status">
      <Badge tone="red">✕ Chain broken at record {status.broken.record}</Badge>
      <span>
        {status.broken.reason} (audit record id {status.broken.id}). Records from there on cannot be trusted; run{' '}
        <code className="font-mono">npm run audit:verify</code> and tell your security team.
      </span>
    </p>
  );
}
