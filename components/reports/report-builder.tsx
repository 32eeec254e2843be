'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createReportAction } from '@/lib/actions/create-report';
import type { Tenant } from '@/lib/hsm/types';
import type { Failure } from '@/lib/services/result';
import { useHydrated } from '@/components/hooks/use-hydrated';
import { PartitionPicker } from './partition-picker';
import { reportsQueryKey } from './report-list';

type Props = {
  /** Tenants the user may pick (provider-side users); empty for a tenant user. */
  tenants: Tenant[];
  /** The user's own tenant name, or null for provider-side users. */
  ownTenant: string | null;
  /** Whether the user's tenant has saved a baseline (tenant users only). */
  hasTenantBaseline: boolean;
};

const TIME_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo'];
const field = 'mt-1 block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm';

function Radio({ name, value, checked, onChange, label, disabled }: { name: string; value: string; checked: boolean; onChange: (v: string) => void; label: string; disabled?: boolean }) {
  return (
    <label className={`flex items-center gap-2 text-sm ${disabled ? 'text-slate-400' : ''}`}>
      <input type="radio" name={name} value={value} checked={checked} disabled={disabled} onChange={() => onChange(value)} />
      {label}
    </label>
  );
}

/** Scope, "as of", baseline and format; the report then generates in the background. */
export function ReportBuilder({ tenants, ownTenant, hasTenantBaseline }: Props) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState('all');
  const [baseline, setBaseline] = useState('never-extractable');
  const [format, setFormat] = useState('csv');
  const [error, setError] = useState<Failure | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (form: FormData) => createReportAction(form),
    onMutate: () => {
      setError(null);
      setStarted(null);
    },
    onSuccess: async (result) => {
      if (!result.ok) {
        setError(result);
        return;
      }
      setStarted(result.data.id);
      await queryClient.invalidateQueries({ queryKey: reportsQueryKey });
    },
    onError: () => setError({ ok: false, code: 'unavailable', error: 'The console did not answer. Try again.' }),
  });
  const errors = error?.fieldErrors ?? {};
  const tenantBaselineUsable = ownTenant === null || hasTenantBaseline;

  return (
    <form
      data-testid="report-builder"
      className="grid gap-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate(new FormData(event.currentTarget));
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Scope</legend>
        <Radio name="scope" value="all" checked={scope === 'all'} onChange={setScope} label={ownTenant ? `All partitions of ${ownTenant}` : 'All partitions I may see (all tenants)'} />
        {tenants.length > 0 ? <Radio name="scope" value="tenant" checked={scope === 'tenant'} onChange={setScope} label="One tenant" /> : null}
        {scope === 'tenant' ? (
          <div className="pl-6">
            <label htmlFor="report-tenant" className="sr-only">
              Tenant
            </label>
            <select id="report-tenant" name="tenantId" className={field} defaultValue={tenants[0]?.id}>
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Radio name="scope" value="partitions" checked={scope === 'partitions'} onChange={setScope} label="Chosen partitions" />
        {scope === 'partitions' ? (
          <div className="pl-6">
            <PartitionPicker name="partitionIds" error={errors.partitionIds} />
          </div>
        ) : null}
        {errors.tenantId ? <p className="text-sm text-red-700">{errors.tenantId.join(' ')}</p> : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Point in time</legend>
        <div>
          <label htmlFor="report-time-zone" className="block text-sm font-medium">
            Time zone (for the fields below and every time in the report)
          </label>
          <select id="report-time-zone" name="timeZone" defaultValue="UTC" className={field}>
            {TIME_ZONES.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="report-as-of" className="block text-sm font-medium">
            As of <span className="font-normal text-slate-500">(empty: now)</span>
          </label>
          <input id="report-as-of" name="asOf" type="datetime-local" className={field} aria-invalid={errors.asOf ? true : undefined} />
          {errors.asOf ? <p className="text-sm text-red-700">{errors.asOf.join(' ')}</p> : null}
        </div>
        <div>
          <label htmlFor="report-period-from" className="block text-sm font-medium">
            Changes since <span className="font-normal text-slate-500">(empty: 90 days before)</span>
          </label>
          <input id="report-period-from" name="periodFrom" type="datetime-local" className={field} aria-invalid={errors.periodFrom ? true : undefined} />
          {errors.periodFrom ? <p className="text-sm text-red-700">{errors.periodFrom.join(' ')}</p> : null}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Baseline</legend>
        <Radio name="baseline" value="never-extractable" checked={baseline === 'never-extractable'} onChange={setBaseline} label="Never extractable (export and import not allowed, invalidation enabled)" />
        <Radio
          name="baseline"
          value="tenant"
          checked={baseline === 'tenant'}
          onChange={setBaseline}
          disabled={!tenantBaselineUsable}
          label={ownTenant ? (hasTenantBaseline ? `${ownTenant}'s saved baseline` : `${ownTenant}'s saved baseline (none saved yet)`) : "Each tenant's saved baseline"}
        />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Format</legend>
        <div className="flex gap-4">
          <Radio name="format" value="csv" checked={format === 'csv'} onChange={setFormat} label="CSV" />
          <Radio name="format" value="json" checked={format === 'json'} onChange={setFormat} label="JSON" />
          <Radio name="format" value="pdf" checked={format === 'pdf'} onChange={setFormat} label="PDF" />
        </div>
        <p className="text-xs text-slate-600">Each report is kept, listed below, and signed by the HSM (detached .sig).</p>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button
          type="submit"
          disabled={!hydrated || mutation.isPending}
          data-testid="generate-report"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {mutation.isPending ? 'Starting…' : 'Generate report'}
        </button>
        {started ? (
          <p role="status" data-testid="report-started" className="text-sm text-emerald-800">
            Generating: progress is shown in the list below.
          </p>
        ) : null}
        {error ? (
          <p role="alert" data-testid="report-error" className="text-sm text-red-800">
            {error.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
