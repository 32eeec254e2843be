import type { Failure } from '@/lib/services/result';

/** A refusal inside a bin dialog (field errors are shown next to their field). */
export function DialogError({ error }: { error: Failure | null }) {
  if (!error || error.fieldErrors) return null;
  return (
    <p role="alert" data-testid="bin-dialog-error" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
      {error.error}
    </p>
  );
}
