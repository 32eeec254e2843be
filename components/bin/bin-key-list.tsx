import type { BinKeyView } from '@/lib/services/bin';
import { keyKind } from './format';

const SHOWN = 8;

/** The keys a dialog acts on, by label and key ID. */
export function BinKeyList({ keys }: { keys: BinKeyView[] }) {
  return (
    <ul className="max-h-48 space-y-1 overflow-y-auto rounded-lg bg-slate-50 p-3 text-sm" data-testid="bin-dialog-keys">
      {keys.slice(0, SHOWN).map((key) => (
        <li key={key.id} className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{key.label}</span>
          <span className="font-mono text-xs text-slate-500">{key.id}</span>
          <span className="text-xs text-slate-500">{keyKind(key)}</span>
        </li>
      ))}
      {keys.length > SHOWN ? <li className="text-slate-600">and {keys.length - SHOWN} more</li> : null}
    </ul>
  );
}
