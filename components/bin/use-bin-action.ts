'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { purgeKeysAction } from '@/lib/actions/purge-keys';
import { restoreKeysAction } from '@/lib/actions/restore-keys';
import { binKeysField } from '@/lib/schemas/bin-keys';
import type { BinKeyView } from '@/lib/services/bin';
import type { BinKeyOutcome } from '@/lib/services/bin-change';
import type { Failure } from '@/lib/services/result';

export type BinActionKind = 'restore' | 'purge';

export type BinDialog = { kind: BinActionKind; keys: BinKeyView[] };

export type BinOutcomes = { kind: BinActionKind; results: BinKeyOutcome[] };

/**
 * Restore / purge from the bin table: one idempotency key per submission, made when the dialog
 * opens and kept for a retry when the HSM did not answer, so that a double click, a repeated
 * submit or a retry applies at most once.
 */
export function useBinAction(onDone: (processed: string[]) => void) {
  const router = useRouter();
  const submission = useRef<string | null>(null);
  const [dialog, setDialog] = useState<BinDialog | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [outcomes, setOutcomes] = useState<BinOutcomes | null>(null);

  const mutation = useMutation({
    mutationFn: async (variables: { dialog: BinDialog; confirmation: string }) => {
      const form = new FormData();
      form.set('idempotencyKey', submission.current ?? crypto.randomUUID());
      form.set('keys', binKeysField(variables.dialog.keys.map((k) => ({ partitionId: k.partitionId, keyId: k.id }))));
      if (variables.dialog.kind === 'purge') form.set('confirmation', variables.confirmation);
      return variables.dialog.kind === 'restore' ? restoreKeysAction(form) : purgeKeysAction(form);
    },
    onMutate: () => setError(null),
    onSuccess: (result, variables) => {
      if (!result.ok) {
        setError(result);
        // Nothing was recorded for a refused submission: the next attempt is a new one.
        if (result.code !== 'unavailable' && result.code !== 'invalid') submission.current = crypto.randomUUID();
        return;
      }
      const unanswered = result.data.results.filter((r) => r.status === 'unknown');
      setOutcomes({ kind: variables.dialog.kind, results: result.data.results });
      onDone(result.data.results.filter((r) => r.status === 'restored' || r.status === 'purged').map((r) => r.keyId));
      if (unanswered.length > 0) {
        setError({
          ok: false,
          code: 'unavailable',
          error: `The HSM did not answer for ${unanswered.length} ${unanswered.length === 1 ? 'key' : 'keys'}. Submit again: each key is changed at most once.`,
        });
      } else {
        submission.current = null;
        setDialog(null);
      }
      router.refresh();
    },
    onError: () => {
      setError({ ok: false, code: 'unavailable', error: 'The console did not answer. Check your connection and submit again.' });
    },
  });

  return {
    dialog,
    error,
    outcomes,
    pending: mutation.isPending,
    open(kind: BinActionKind, keys: BinKeyView[]) {
      submission.current = crypto.randomUUID();
      setError(null);
      setDialog({ kind, keys });
    },
    close() {
      submission.current = null;
      setError(null);
      setDialog(null);
    },
    confirm(confirmation: string) {
      if (dialog) mutation.mutate({ dialog, confirmation });
    },
    dismissOutcomes() {
      setOutcomes(null);
    },
  };
}
