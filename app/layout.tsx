import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Partition Console', template: '%s · Partition Console' },
  description: 'Security policies of cloud-HSM partitions',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so every page's scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
