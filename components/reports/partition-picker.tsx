'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

type Found = { id: string; name: string; tenantName: string };

async function search(q: string): Promise<Found[]> {
  const response = await fetch(`/api/reports/partitions?q=${encodeURIComponent(q)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error('Search failed.');
  return ((await response.json()) as { partitions: Found[] }).partitions;
}

/** Chooses partitions by searching name, tenant or ID; posts them as one comma-separated field. */
export function PartitionPicker({ name, error }: { name: string; error?: string[] }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Found[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({ queryKey: ['report-partitions', query], queryFn: () => search(query), enabled: query.length > 0 });
  const add = (p: Found) => setChosen((list) => (list.some((c) => c.id === p.id) ? list : [...list, p]));

  return (
    <div className="space-y-2" data-testid="partition-picker">
      <input type="hidden" name={name} value={chosen.map((c) => c.id).join(',')} />
      <label htmlFor="picker-search" className="block text-sm font-medium">
        Find partitions (name, tenant or ID)
      </label>
      <input
        id="picker-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      {query && results.data ? (
        <ul className="max-h-48 overflow-y-auto rounded-md border border-slate-200 text-sm" aria-label="Matching partitions">
          {results.data.length === 0 ? <li className="px-3 py-2 text-slate-600">No match.</li> : null}
          {results.data.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-1.5 hover:bg-slate-50">
              <span>
                {p.name} <span className="text-xs text-slate-500">{p.tenantName}</span>
              </span>
              <button type="button" onClick={() => add(p)} className="rounded border border-slate-300 px-2 py-0.5 text-xs" aria-label={`Add ${p.name}`}>
                Add
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="flex flex-wrap gap-2" aria-label="Chosen partitions" data-testid="picker-chosen">
        {chosen.map((p) => (
          <li key={p.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
            {p.name}
            <button
              type="button"
              onClick={() => setChosen((list) => list.filter((c) => c.id !== p.id))}
              aria-label={`Remove ${p.name}`}
              className="px-1"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {error ? <p className="text-sm text-red-700">{error.join(' ')}</p> : null}
    </div>
  );
}
