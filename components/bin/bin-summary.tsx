import type { BinTotalsView } from '@/lib/services/bin';
import { formatBytes, formatShare } from './format';

type MeterProps = { title: string; unit: string; bin: number; used: number; capacity: number; format: (n: number) => string; testId: string };

/** One stacked bar: live keys, the bin, free. Each part is also given in words, never by colour alone. */
function BinMeter({ title, unit, bin, used, capacity, format, testId }: MeterProps) {
  const width = (n: number) => `${capacity > 0 ? Math.min(100, (Math.max(n, 0) / capacity) * 100) : 0}%`;
  const share = capacity > 0 ? bin / capacity : 0;
  return (
    <div data-testid={testId}>
      <p className="text-sm font-medium text-slate-800">{title}</p>
      <p className="mt-0.5 text-2xl font-semibold tabular-nums">
        {format(bin)} <span className="text-sm font-normal text-slate-600">of {format(capacity)} held by the bin ({formatShare(share)})</span>
      </p>
      <div
        role="meter"
        aria-label={`${title} held by the bin`}
        aria-valuemin={0}
        aria-valuemax={capacity}
        aria-valuenow={bin}
        aria-valuetext={`${format(bin)} of ${format(capacity)} ${unit} (${formatShare(share)})`}
        className="mt-2 flex h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600" style={{ width: width(used - bin) }} />
        <div className="h-full bg-amber-500 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgb(255_255_255/0.35)_3px,rgb(255_255_255/0.35)_6px)]" style={{ width: width(bin) }} />
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" />
          Live keys: {format(Math.max(used - bin, 0))}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-amber-500" />
          In the bin: {format(bin)}
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-slate-200 ring-1 ring-inset ring-slate-300" />
          Free: {format(Math.max(capacity - used, 0))}
        </li>
      </ul>
    </div>
  );
}

/** What one partition's bin holds against the partition's capacity, with the warning above the set share. */
export function BinSummary({ totals, warningShare }: { totals: BinTotalsView; warningShare: number }) {
  return (
    <section
      aria-labelledby="bin-capacity-heading"
      data-testid="bin-summary"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h3 id="bin-capacity-heading" className="text-base font-semibold">
        Capacity held by the bin
      </h3>
      <p className="mt-0.5 text-sm text-slate-600">
        Binned keys look deleted to clients but still use the partition&apos;s key objects and space until they are purged.
      </p>
      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <BinMeter
          title="Key objects"
          unit="objects"
          bin={totals.objects}
          used={totals.capacity.usedObjects}
          capacity={totals.capacity.objects}
          format={(n) => n.toLocaleString('en-US')}
          testId="bin-objects"
        />
        <BinMeter
          title="Space"
          unit=""
          bin={totals.bytes}
          used={totals.capacity.usedBytes}
          capacity={totals.capacity.bytes}
          format={formatBytes}
          testId="bin-bytes"
        />
      </div>
      {totals.warning ? (
        <p role="note" data-testid="bin-warning" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <span aria-hidden="true">⚠ </span>
          The bin holds more than {formatShare(warningShare)} of this partition&apos;s capacity. Purge the keys that are no longer
          needed to free space, or restore the ones deleted by mistake.
        </p>
      ) : null}
    </section>
  );
}
