/** Why restore and purge still work on this partition (read-only, offline, destruction disabled…). */
export function BinNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="space-y-2" data-testid="bin-notes">
      {notes.map((note) => (
        <li key={note} role="note" className="rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900">
          <span aria-hidden="true">ℹ </span>
          {note}
        </li>
      ))}
    </ul>
  );
}
