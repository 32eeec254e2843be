import Link from 'next/link';
import { listHref, type ListState } from './list-state';

export function Pager({ state, nextCursor, prevCursor }: { state: ListState; nextCursor: string | null; prevCursor: string | null }) {
  if (!nextCursor && !prevCursor) return null;
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50';
  return (
    <nav aria-label="Pages" className="flex justify-end gap-2">
      {prevCursor ? (
        <Link href={listHref(state, { cursor: prevCursor })} className={link} rel="prev">
          ← Previous
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={listHref(state, { cursor: nextCursor })} className={link} rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
