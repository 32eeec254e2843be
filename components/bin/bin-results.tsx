'use client';

import type { BinKeyOutcome } from '@/lib/services/bin-change';
import type { BinOutcomes } from './use-bin-action';

const ICON: Record<BinKeyOutcome['status'], string> = { restored: '✓', purged: '✓', failed: '✕', unknown: '?' };

function headline({ kind, results }: BinOutcomes): string {
  const done = results.filter((r) => r.status === 'restored' || r.status === 'purged').length;
  const verb = kind === 'restore' ? 'Restored' : 'Purged';
  const noun = (n: number) => `${n} ${n === 1 ? 'key' : 'keys'}`;
  if (done === results.length) return `${verb} ${noun(done)}.`;
  if (done === 0) return `Nothing was ${kind === 'restore' ? 'restored' : 'purged'}: ${noun(results.length - done)} failed.`;
  return `${verb} ${done} of ${noun(results.length)}; ${results.length - done} failed.`;
}

/** One line per key after a restore or purge: a partial failure shows which keys failed and why. */
export function BinResults({ outcomes, onDismiss }: { outcomes: BinOutcomes; onDismiss: () => void }) {
  const failed = outcomes.results.some((r) => r.status === 'failed' || r.status === 'unknown');
  return (
    <div
      role="status"
      data-testid="bin-results"
      className={`rounded-lg border p-3 text-sm ${failed ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-emerald-300 bg-emerald-50 text-emerald-950'}`}
    >
      <div className="flex items-start justify-between gap-4">
        <p className="font-semibold">{headline(outcomes)}</p>
        <button type="button" onClick={onDismiss} className="rounded px-1 text-xs underline">
          Dismiss
        </button>
      </div>
      <ul className="mt-1 space-y-0.5">
        {outcomes.results.map((r) => (
          <li key={`${r.partitionId}/${r.keyId}`} data-testid={`bin-result-${r.status}`} className="flex flex-wrap gap-x-2">
            <span aria-hidden="true">{ICON[r.status]}</span>
            <span className="font-medium">{r.label ?? r.keyId}</span>
            {r.label ? <span className="font-mono text-xs">{r.keyId}</span> : null}
            <span>— {r.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
