'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { BinKeyView } from '@/lib/services/bin';
import { formatTime } from '@/components/format';
import { useHydrated } from '@/components/hooks/use-hydrated';
import { BinResults } from './bin-results';
import { keyKind } from './format';
import { PurgeDialog } from './purge-dialog';
import { RestoreDialog } from './restore-dialog';
import { useBinAction } from './use-bin-action';

type Props = { keys: BinKeyView[]; canManage: boolean; showPartition: boolean };

const refOf = (key: BinKeyView) => `${key.partitionId}/${key.id}`;

const button = 'rounded-md border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';

function SelectAll({ keys, selected, onChange, disabled }: { keys: BinKeyView[]; selected: Set<string>; onChange: (all: boolean) => void; disabled: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  const count = keys.filter((k) => selected.has(refOf(k))).length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && count < keys.length;
  }, [count, keys.length]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select every key on this page"
      checked={keys.length > 0 && count === keys.length}
      disabled={disabled || keys.length === 0}
      onChange={(e) => onChange(e.target.checked)}
      className="h-4 w-4 accent-brand-600"
    />
  );
}

/** The binned keys; a security officer selects keys and restores or purges them through the dialogs. */
export function BinTable({ keys, canManage, showPartition }: Props) {
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const action = useBinAction((processed) =>
    setSelected((current) => new Set([...current].filter((ref) => !processed.includes(ref.split('/')[1] ?? '')))),
  );
  const chosen = keys.filter((k) => selected.has(refOf(k)));
  const disabled = !hydrated || action.pending;
  const columns = 5 + (showPartition ? 1 : 0) + (canManage ? 2 : 0);

  function toggle(key: BinKeyView, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(refOf(key));
      else next.delete(refOf(key));
      return next;
    });
  }

  return (
    <div className="space-y-3">
      {action.outcomes ? <BinResults outcomes={action.outcomes} onDismiss={action.dismissOutcomes} /> : null}
      {canManage ? (
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Selected keys">
          <span className="text-sm text-slate-600" data-testid="bin-selection-count">
            {chosen.length === 0 ? 'No key selected' : `${chosen.length} selected`}
          </span>
          <button
            type="button"
            data-testid="restore-selected"
            disabled={disabled || chosen.length === 0}
            onClick={() => action.open('restore', chosen)}
            className={`${button} border-slate-300 bg-white hover:bg-slate-50`}
          >
            Restore selected
          </button>
          <button
            type="button"
            data-testid="purge-selected"
            disabled={disabled || chosen.length === 0}
            onClick={() => action.open('purge', chosen)}
            className={`${button} border-red-300 bg-white text-red-800 hover:bg-red-50`}
          >
            Purge selected
          </button>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="bin-table">
          <caption className="sr-only">Keys in the bin, most recently invalidated first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {canManage ? (
                <th scope="col" className="w-10 px-3 py-2">
                  <SelectAll
                    keys={keys}
                    selected={selected}
                    disabled={disabled}
                    onChange={(all) => setSelected(all ? new Set(keys.map(refOf)) : new Set())}
                  />
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">Label</th>
              {showPartition ? <th scope="col" className="px-3 py-2">Partition</th> : null}
              <th scope="col" className="px-3 py-2">Key ID</th>
              <th scope="col" className="px-3 py-2">Type</th>
              <th scope="col" className="px-3 py-2">Invalidated</th>
              <th scope="col" className="px-3 py-2">In the bin for</th>
              {canManage ? (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.length === 0 ? (
              <tr>
                <td colSpan={columns} className="px-3 py-8 text-center text-slate-600">
                  The bin is empty.
                </td>
              </tr>
            ) : null}
            {keys.map((key) => (
              <tr key={refOf(key)} data-testid="bin-row" data-key-id={key.id} className={selected.has(refOf(key)) ? 'bg-brand-50' : 'hover:bg-slate-50'}>
                {canManage ? (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${key.label} (${key.id})`}
                      checked={selected.has(refOf(key))}
                      disabled={disabled}
                      onChange={(e) => toggle(key, e.target.checked)}
                      className="h-4 w-4 accent-brand-600"
                    />
                  </td>
                ) : null}
                <td className="px-3 py-2 font-medium">{key.label}</td>
                {showPartition ? (
                  <td className="px-3 py-2">
                    <Link href={`/partitions/${encodeURIComponent(key.partitionId)}/bin`} className="text-brand-700 hover:underline">
                      {key.partitionName}
                    </Link>
                  </td>
                ) : null}
                <td className="px-3 py-2 font-mono text-xs">{key.id}</td>
                <td className="whitespace-nowrap px-3 py-2">{keyKind(key)}</td>
                <td className="px-3 py-2">
                  <time dateTime={key.binnedAt} className="block whitespace-nowrap font-mono text-xs">
                    {formatTime(key.binnedAt)}
                  </time>
                  <span className="text-xs text-slate-600">
                    by {key.binnedBy.clientName ?? 'an unknown client'}
                    {key.binnedBy.clientId ? <span className="font-mono"> ({key.binnedBy.clientId})</span> : null}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{key.age}</td>
                {canManage ? (
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    <div className="flex justify-end gap-2">
                      <button
                        type="button"
                        aria-label={`Restore ${key.label} (${key.id})`}
                        disabled={disabled}
                        onClick={() => action.open('restore', [key])}
                        className={`${button} border-slate-300 bg-white hover:bg-slate-50`}
                      >
                        Restore
                      </button>
                      <button
                        type="button"
                        aria-label={`Purge ${key.label} (${key.id})`}
                        disabled={disabled}
                        onClick={() => action.open('purge', [key])}
                        className={`${button} border-red-300 bg-white text-red-800 hover:bg-red-50`}
                      >
                        Purge
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {action.dialog?.kind === 'restore' ? (
        <RestoreDialog keys={action.dialog.keys} pending={action.pending} error={action.error} onCancel={action.close} onConfirm={() => action.confirm('')} />
      ) : null}
      {action.dialog?.kind === 'purge' ? (
        <PurgeDialog keys={action.dialog.keys} pending={action.pending} error={action.error} onCancel={action.close} onConfirm={action.confirm} />
      ) : null}
    </div>
  );
}
