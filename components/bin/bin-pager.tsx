import Link from 'next/link';

/** Newer / older pages of a bin listing (keyset cursors from the backend). */
export function BinPager({ path, nextCursor, prevCursor, extra = {} }: { path: string; nextCursor: string | null; prevCursor: string | null; extra?: Record<string, string> }) {
  if (!nextCursor && !prevCursor) return null;
  const href = (cursor: string) => `${path}?${new URLSearchParams({ ...extra, cursor }).toString()}`;
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50';
  return (
    <nav aria-label="Bin pages" className="flex justify-end gap-2">
      {prevCursor ? (
        <Link href={href(prevCursor)} className={link} rel="prev">
          ← Newer
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={href(nextCursor)} className={link} rel="next">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
