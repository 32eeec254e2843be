import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no such page or partition, or it is outside your tenant.</p>
      <Link href="/partitions" className="mt-6 inline-block text-brand-700 hover:underline">
        Back to partitions
      </Link>
    </main>
  );
}
