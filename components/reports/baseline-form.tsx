'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { saveBaselineAction } from '@/lib/actions/save-baseline';
import { POLICY_CATALOG } from '@/lib/policy/catalog';
import type { PartitionPolicy } from '@/lib/policy';
import type { Failure } from '@/lib/services/result';
import { useHydrated } from '@/components/hooks/use-hydrated';

type Props = { policy: Partial<PartitionPolicy> | null; savedBy: string | null; canSave: boolean };

/** The tenant's own report baseline: a required value per policy, or "either". */
export function BaselineForm({ policy, savedBy, canSave }: Props) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: (form: FormData) => saveBaselineAction(form),
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result);
        return;
      }
      setError(null);
      setSaved(true);
      router.refresh();
    },
    onError: () => setError({ ok: false, code: 'unavailable', error: 'The console did not answer. Try again.' }),
  });
  return (
    <form
      data-testid="baseline-form"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        mutation.mutate(new FormData(event.currentTarget));
      }}
    >
      <p className="text-sm text-slate-600">
        {savedBy ? `Saved by ${savedBy}.` : 'No baseline saved yet.'} {canSave ? '' : 'Only a security officer of the tenant can change it.'}
      </p>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {POLICY_CATALOG.map((entry) => {
          const value = policy?.[entry.id];
          return (
            <div key={entry.id}>
              <label htmlFor={`baseline-${entry.id}`} className="block text-xs font-medium text-slate-700">
                {entry.label}
              </label>
              <select
                id={`baseline-${entry.id}`}
                name={entry.id}
                defaultValue={value === undefined ? 'any' : String(value)}
                disabled={!canSave}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              >
                <option value="any">Either</option>
                <option value="true">{entry.words.on}</option>
                <option value="false">{entry.words.off}</option>
              </select>
            </div>
          );
        })}
      </div>
      {canSave ? (
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={!hydrated || mutation.isPending}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
          >
            {mutation.isPending ? 'Saving…' : 'Save baseline'}
          </button>
          {saved ? (
            <span role="status" className="text-sm text-emerald-800">
              Saved.
            </span>
          ) : null}
          {error ? (
            <span role="alert" className="text-sm text-red-800">
              {error.error}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
