import type { Possibility } from '@/lib/services/inventory';

/** ✓ or ✕ with the policy model's reasons, shown on hover and on keyboard focus. */
export function PossibleCell({ family, possibility, testId }: { family: string; possibility: Possibility; testId: string }) {
  if (possibility.allowed) {
    return (
      <span data-testid={testId} data-allowed="true" className="font-semibold text-emerald-700">
        <span aria-hidden="true">✓</span>
        <span className="sr-only">{family} possible</span>
      </span>
    );
  }
  const text = possibility.reasons.map((r) => r.message).join(' ');
  return (
    <span className="group relative inline-block">
      <span
        tabIndex={0}
        data-testid={testId}
        data-allowed="false"
        role="img"
        aria-label={`${family} blocked: ${text}`}
        className="cursor-help rounded px-1 font-semibold text-red-700"
      >
        <span aria-hidden="true">✕</span>
      </span>
      <span
        role="tooltip"
        className="pointer-events-none absolute right-0 top-full z-10 mt-1 hidden w-64 rounded-md bg-slate-900 p-2 text-left text-xs font-normal text-white shadow-lg group-focus-within:block group-hover:block"
      >
        {text}
      </span>
    </span>
  );
}
