'use client';

import { useState } from 'react';
import type { BinKeyView } from '@/lib/services/bin';
import type { Failure } from '@/lib/services/result';
import { Dialog } from '@/components/ui/dialog';
import { BinKeyList } from './bin-key-list';
import { DialogError } from './dialog-error';

type Props = { keys: BinKeyView[]; pending: boolean; error: Failure | null; onCancel: () => void; onConfirm: (confirmation: string) => void };

/** Purge is irreversible: the user types the key's label, or the number of keys for a selection. */
export function PurgeDialog({ keys, pending, error, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState('');
  const single = keys.length === 1 ? keys[0] : undefined;
  const expected = single ? single.label : String(keys.length);
  const matches = typed.trim() === expected;
  const fieldError = error?.fieldErrors?.confirmation;
  return (
    <Dialog onClose={onCancel} title={single ? `Purge “${single.label}” for good?` : `Purge ${keys.length} keys for good?`} testId="purge-dialog">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending && matches) onConfirm(typed.trim());
        }}
      >
        <div data-testid="purge-warning" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-950">
          <p className="font-semibold">
            <span aria-hidden="true">⌫ </span>This is irreversible.
          </p>
          <p className="mt-1">
            The key material is destroyed and cannot be restored. Anything still encrypted or signed with{' '}
            {single ? 'this key' : 'these keys'} can no longer be decrypted or verified with {single ? 'it' : 'them'}. The key ID, the
            label and the space are freed.
          </p>
        </div>
        <BinKeyList keys={keys} />
        <div>
          <label htmlFor="purge-confirmation" className="block text-sm font-medium">
            {single ? (
              <>
                Type the key&apos;s label <span className="font-mono">{single.label}</span> to confirm
              </>
            ) : (
              <>
                Type the number of keys, <span className="font-mono">{keys.length}</span>, to confirm
              </>
            )}
          </label>
          <input
            id="purge-confirmation"
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'purge-confirmation-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          {fieldError ? (
            <p id="purge-confirmation-error" className="mt-1 text-sm text-red-700">
              {fieldError.join(' ')}
            </p>
          ) : null}
        </div>
        <DialogError error={error} />
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            data-testid="confirm-purge"
            disabled={pending || !matches}
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50"
          >
            {pending ? 'Purging…' : single ? 'Purge key' : `Purge ${keys.length} keys`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
