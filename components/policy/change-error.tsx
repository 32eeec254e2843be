import type { Failure } from '@/lib/services/result';
import type { PolicyChangeConflict } from '@/lib/services/policy-change';
import { policyEntry, valueWord } from '@/lib/policy/catalog';
import { formatTime } from '@/components/format';

type Props = { error: Failure<PolicyChangeConflict>; testId: string; onReload: () => void };

/** Errors in words; a version conflict lists what changed, who changed it, and offers the latest state. */
export function ChangeError({ error, testId, onReload }: Props) {
  return (
    <div role="alert" data-testid={testId} className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p>{error.error}</p>
      {error.code === 'conflict' && error.details ? (
        <>
          <ul className="mt-2 list-disc pl-5">
            {error.details.changes.map((change) => (
              <li key={change.version}>
                {policyEntry(change.policy).label}: {valueWord(change.policy, change.from)} → {valueWord(change.policy, change.to)}, by{' '}
                {change.by}
                {change.role ? ` (${change.role.replace('_', ' ')})` : ''} at {formatTime(change.at)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onReload} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium">
            Load the latest policies
          </button>
        </>
      ) : null}
    </div>
  );
}
