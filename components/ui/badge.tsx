import type { ReactNode } from 'react';

const TONES = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  red: 'bg-red-50 text-red-800 ring-red-600/30',
  amber: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/30',
  violet: 'bg-violet-50 text-violet-800 ring-violet-600/30',
  blue: 'bg-brand-50 text-brand-700 ring-brand-600/30',
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone, children, title }: { tone: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
