'use client';

import type { BinKeyView } from '@/lib/services/bin';
import type { Failure } from '@/lib/services/result';
import { Dialog } from '@/components/ui/dialog';
import { BinKeyList } from './bin-key-list';
import { DialogError } from './dialog-error';

type Props = { keys: BinKeyView[]; pending: boolean; error: Failure | null; onCancel: () => void; onConfirm: () => void };

export function RestoreDialog({ keys, pending, error, onCancel, onConfirm }: Props) {
  const what = keys.length === 1 ? `“${keys[0]?.label}”` : `${keys.length} keys`;
  return (
    <Dialog onClose={onCancel} title={`Restore ${what}?`} testId="restore-dialog">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) onConfirm();
        }}
      >
        <p className="text-sm text-slate-700">
          {keys.length === 1 ? 'The key returns' : 'The keys return'} exactly as {keys.length === 1 ? 'it was' : 'they were'}: same key ID,
          attributes and material. Clients can list and use {keys.length === 1 ? 'it' : 'them'} again at once.
        </p>
        <BinKeyList keys={keys} />
        <DialogError error={error} />
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            data-testid="confirm-restore"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
          >
            {pending ? 'Restoring…' : keys.length === 1 ? 'Restore key' : `Restore ${keys.length} keys`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
