import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { pingAction } from '@/lib/actions/ping';
import { currentActor } from '@/lib/auth/current';
import { ConsoleHeader } from '@/components/layout/console-header';
import { Providers } from '@/components/providers';

// Registers the authenticated no-op action with every console page (nothing renders it): `npm run bench`
// posts it where the real actions are posted, as the floor of an action's round trip.
void pingAction;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return (
    <Providers>
      <ConsoleHeader actor={actor} />
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
    </Providers>
  );
}
