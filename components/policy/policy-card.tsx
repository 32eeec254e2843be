'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { changePolicyAction } from '@/lib/actions/change-policy';
import { policyEntry, valueWord } from '@/lib/policy/catalog';
import { impactLineKey } from '@/lib/policy/impact-line-key';
import type { OfflineNotice, PolicyCardView, VisiblePartition } from '@/lib/services/partitions';
import type { Failure } from '@/lib/services/result';
import type { PolicyChangeConflict } from '@/lib/services/policy-change';
import { Switch } from '@/components/ui/switch';
import { useHydrated } from '@/components/hooks/use-hydrated';
import { ChangeDialog, type ConfirmFields } from './change-dialog';
import { ChangeError } from './change-error';
import { RiskBadge } from './risk-badge';

/** `offline`: why the partition went offline, shown when bringing it back online. */
type Props = { card: PolicyCardView; partition: VisiblePartition; offline?: OfflineNotice | null };

/** Effects listed on the card itself; the rest sit behind "N more effects". */
const SHOWN_IMPACT = 4;

export function PolicyCard({ card, partition, offline = null }: Props) {
  const entry = policyEntry(card.policy);
  // Until React is in charge, a click would do nothing: keep the switch disabled.
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [error, setError] = useState<Failure<PolicyChangeConflict> | null>(null);
  // What the last save did, said where the switch is (a safe change applies without a dialog).
  const [saved, setSaved] = useState<string | null>(null);
  // One idempotency key per submission, made when the change starts; kept for a retry after "no answer".
  const submission = useRef<string | null>(null);

  const mutation = useMutation({
    mutationFn: async (fields: ConfirmFields) => {
      const form = new FormData();
      form.set('partitionId', partition.id);
      form.set('expectedVersion', String(partition.version));
      form.set('idempotencyKey', submission.current ?? crypto.randomUUID());
      form.set(card.policy, String(card.change.to));
      if (card.change.risk !== 'safe') form.set('confirm', card.change.risk);
      for (const [name, value] of Object.entries(fields)) if (value) form.set(name, value);
      return changePolicyAction(form);
    },
    onMutate: () => {
      setError(null);
      setSaved(null);
      setOptimistic(card.change.to);
    },
    onSuccess: async (result) => {
      if (!result.ok) {
        setOptimistic(null);
        setError(result);
        if (result.code !== 'unavailable' && result.code !== 'invalid') submission.current = null;
        if (result.code === 'invalid' && result.fieldErrors) return;
        setDialogOpen(false);
        return;
      }
      submission.current = null;
      setDialogOpen(false);
      setSaved(`Saved: ${entry.label} ${valueWord(card.policy, card.change.to).toLowerCase()} (version ${result.data.version}), recorded in the audit.`);
      await queryClient.invalidateQueries({ queryKey: ['partition', partition.id] });
      setOptimistic(null);
      router.refresh();
    },
    onError: () => {
      setOptimistic(null);
      setError({ ok: false, code: 'unavailable', error: 'The console did not answer. Check your connection and try again.' });
    },
  });

  const value = optimistic ?? card.value;
  const blocked = card.change.blockedBecause;
  const needsDialog = card.change.risk !== 'safe' || card.change.needsReason || card.change.needsTicket;
  const descriptionId = `policy-${card.policy}-description`;

  function start() {
    submission.current ??= crypto.randomUUID();
    setError(null);
    if (needsDialog) setDialogOpen(true);
    else mutation.mutate({});
  }

  return (
    <article
      data-testid={`policy-card-${card.policy}`}
      aria-labelledby={`policy-${card.policy}-title`}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Policy {entry.number}</p>
          <h3 id={`policy-${card.policy}-title`} className="text-base font-semibold">
            {entry.label}
          </h3>
          <p className="mt-0.5 text-sm" data-testid={`policy-value-${card.policy}`}>
            <span className={value ? 'font-medium text-emerald-700' : 'font-medium text-slate-700'}>
              {valueWord(card.policy, value)}
            </span>
            {mutation.isPending ? <span className="ml-2 text-slate-500">Saving…</span> : null}
          </p>
        </div>
        <Switch
          checked={value}
          onChange={start}
          label={`${entry.label}: ${valueWord(card.policy, value)}`}
          describedBy={descriptionId}
          disabled={!hydrated || blocked !== null || mutation.isPending}
          busy={mutation.isPending}
          testId={`policy-switch-${card.policy}`}
        />
      </div>
      <p id={descriptionId} className="mt-2 text-sm text-slate-600">
        {entry.explanation}
      </p>
      <div className="mt-3 rounded-lg bg-slate-50 p-3 text-sm">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-800">
          If {card.change.to ? 'turned on' : 'turned off'}: <RiskBadge risk={card.change.risk} />
        </p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700" data-testid={`policy-impact-${card.policy}`}>
          {card.change.impact.length === 0 ? <li>No keys or clients of this partition are affected.</li> : null}
          {card.change.impact.slice(0, SHOWN_IMPACT).map((line) => (
            <li key={impactLineKey(line)}>{line.text}</li>
          ))}
        </ul>
        {card.change.impact.length > SHOWN_IMPACT ? (
          // A safe change applies without a dialog: every effect must be one click away here.
          <details className="mt-1 text-slate-700" data-testid={`policy-impact-more-${card.policy}`}>
            <summary className="cursor-pointer pl-1 text-brand-700 hover:underline">
              {card.change.impact.length - SHOWN_IMPACT} more {card.change.impact.length - SHOWN_IMPACT === 1 ? 'effect' : 'effects'}
            </summary>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {card.change.impact.slice(SHOWN_IMPACT).map((line) => (
                <li key={impactLineKey(line)}>{line.text}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {blocked ? (
        <p className="mt-2 text-sm text-slate-600" data-testid={`policy-blocked-${card.policy}`}>
          <span aria-hidden="true">🔒 </span>
          {blocked}
        </p>
      ) : null}
      {saved && !error ? (
        <p role="status" className="mt-2 text-sm text-emerald-800" data-testid={`policy-saved-${card.policy}`}>
          {saved}
        </p>
      ) : null}
      {error && !dialogOpen ? (
        <ChangeError
          error={error}
          testId={`policy-error-${card.policy}`}
          onReload={async () => {
            setError(null);
            await queryClient.invalidateQueries({ queryKey: ['partition', partition.id] });
            router.refresh();
          }}
        />
      ) : null}
      {dialogOpen ? (
        <ChangeDialog
        card={card}
        partitionName={partition.name}
        offline={card.change.to ? offline : null}
        pending={mutation.isPending}
        error={error}
        onCancel={() => {
          setDialogOpen(false);
          setError(null);
        }}
        onConfirm={(fields) => mutation.mutate(fields)}
        />
      ) : null}
    </article>
  );
}
