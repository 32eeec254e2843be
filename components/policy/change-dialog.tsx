'use client';

import { useState } from 'react';
import { policyEntry, valueWord } from '@/lib/policy/catalog';
import { impactLineKey } from '@/lib/policy/impact-line-key';
import type { OfflineNotice, PolicyCardView } from '@/lib/services/partitions';
import type { Failure } from '@/lib/services/result';
import type { PolicyChangeConflict } from '@/lib/services/policy-change';
import { Dialog } from '@/components/ui/dialog';
import { OfflineReason } from './offline-reason';
import { RiskBadge } from './risk-badge';

export type ConfirmFields = { reason?: string; ticket?: string; typedName?: string };

type Props = {
  card: PolicyCardView;
  partitionName: string;
  /** Set when this change brings an offline partition back online: why it went offline. */
  offline?: OfflineNotice | null;
  pending: boolean;
  error: Failure<PolicyChangeConflict> | null;
  onCancel: () => void;
  onConfirm: (fields: ConfirmFields) => void;
};

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages.join(' ')}
    </p>
  );
}

/** The warning of the change's risk class, what it does to this partition, and the confirmation it needs. */
export function ChangeDialog({ card, partitionName, offline = null, pending, error, onCancel, onConfirm }: Props) {
  const entry = policyEntry(card.policy);
  const { change } = card;
  const [reason, setReason] = useState('');
  const [ticket, setTicket] = useState('');
  const [typedName, setTypedName] = useState('');
  const verb = `${change.to ? (entry.words.on === 'Allowed' ? 'Allow' : 'Enable') : entry.words.off === 'Not allowed' ? 'Disallow' : 'Disable'} ${entry.label}`;
  const nameMatches = !change.needsTypedName || typedName.trim() === partitionName;
  const fieldErrors = error?.fieldErrors ?? {};

  return (
    <Dialog onClose={onCancel} title={`${verb} on ${partitionName}?`} testId="change-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) onConfirm({ reason, ticket, typedName });
        }}
        className="space-y-4"
      >
        <div className="flex items-center gap-2 text-sm">
          <RiskBadge risk={change.risk} />
          <span className="text-slate-600">
            {valueWord(card.policy, card.value)} → {valueWord(card.policy, change.to)}
          </span>
        </div>
        {offline ? <OfflineReason notice={offline} /> : null}
        {change.warning ? (
          <div data-testid="change-warning" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p className="font-semibold">{change.warning.title}</p>
            <p className="mt-1">{change.warning.body}</p>
          </div>
        ) : null}
        <div className="text-sm">
          <p className="font-medium">On this partition:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700" data-testid="change-impact">
            {change.impact.length === 0 ? <li>No keys or clients are affected.</li> : null}
            {change.impact.map((line) => (
              <li key={impactLineKey(line)}>{line.text}</li>
            ))}
          </ul>
        </div>
        {change.needsReason ? (
          <div>
            <label htmlFor="change-reason" className="block text-sm font-medium">
              Reason <span className="text-slate-500">(recorded in the audit log)</span>
            </label>
            <textarea
              id="change-reason"
              name="reason"
              required
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={fieldErrors.reason ? true : undefined}
              aria-describedby={fieldErrors.reason ? 'change-reason-error' : undefined}
              className={input}
            />
            <FieldError id="change-reason-error" messages={fieldErrors.reason} />
          </div>
        ) : null}
        {change.needsTicket ? (
          <div>
            <label htmlFor="change-ticket" className="block text-sm font-medium">
              Support ticket
            </label>
            <input
              id="change-ticket"
              name="ticket"
              required
              maxLength={64}
              value={ticket}
              onChange={(e) => setTicket(e.target.value)}
              aria-invalid={fieldErrors.ticket ? true : undefined}
              className={input}
            />
            <FieldError id="change-ticket-error" messages={fieldErrors.ticket} />
          </div>
        ) : null}
        {change.needsTypedName ? (
          <div>
            <label htmlFor="change-typed-name" className="block text-sm font-medium">
              Type <span className="font-mono">{partitionName}</span> to confirm
            </label>
            <input
              id="change-typed-name"
              name="typedName"
              autoComplete="off"
              value={typedName}
              onChange={(e) => setTypedName(e.target.value)}
              aria-invalid={fieldErrors.typedName ? true : undefined}
              className={`${input} font-mono`}
            />
            <FieldError id="change-typed-name-error" messages={fieldErrors.typedName} />
          </div>
        ) : null}
        {error && !error.fieldErrors ? (
          <p role="alert" data-testid="change-dialog-error" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
            {error.error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            data-testid="confirm-change"
            disabled={pending || !nameMatches || (change.needsReason && !reason.trim()) || (change.needsTicket && !ticket.trim())}
            className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-50 ${change.risk === 'safe' ? 'bg-brand-600 hover:bg-brand-700' : 'bg-red-700 hover:bg-red-800'}`}
          >
            {pending ? 'Applying…' : verb}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
