'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function PartitionTabs({ id, showKeys }: { id: string; showKeys: boolean }) {
  const pathname = usePathname();
  const base = `/partitions/${encodeURIComponent(id)}`;
  const tabs = [
    { href: base, label: 'Policies' },
    ...(showKeys ? [{ href: `${base}/keys`, label: 'Keys' }] : []),
    { href: `${base}/audit`, label: 'Audit' },
    { href: `${base}/bin`, label: 'Bin' },
  ];
  return (
    <nav aria-label="Partition" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6 text-sm">
        {tabs.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={`inline-block border-b-2 px-1 pb-2 ${active ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
