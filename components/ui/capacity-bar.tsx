export function CapacityBar({ used, total, label }: { used: number; total: number; label: string }) {
  const share = total > 0 ? Math.min(used / total, 1) : 0;
  const percent = Math.round(share * 100);
  const tone = share >= 0.9 ? 'bg-red-600' : share >= 0.75 ? 'bg-amber-500' : 'bg-brand-600';
  return (
    <div className="flex min-w-32 items-center gap-2">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
        aria-valuetext={`${used} of ${total} objects (${percent}%)`}
        className="h-2 w-24 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-600">{percent}%</span>
    </div>
  );
}
