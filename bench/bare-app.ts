/**
 * The floor for first-load JS: a bare Next.js + React page (one server-rendered page, no client
 * component of its own) built with the project's own next, react and react-dom. It is built once per
 * set of versions in the system's temp folder (or .data/bench), with the project's node_modules
 * hard-linked in (Turbopack refuses a symlinked node_modules outside the project root), and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function version(root: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

export type BareApp = { dir: string; versions: Record<string, string>; built: boolean; buildSeconds: number };

export function bareApp(root: string, log: (line: string) => void): BareApp {
  const versions = { next: version(root, 'next'), react: version(root, 'react'), 'react-dom': version(root, 'react-dom') };
  // Hard links need one file system: the temp folder when node_modules is on it, else .data/ (ignored).
  const modules = path.join(root, 'node_modules');
  const base = statSync(os.tmpdir()).dev === statSync(modules).dev ? os.tmpdir() : path.join(root, '.data', 'bench');
  const dir = path.join(base, `partition-console-bench-bare-next${versions.next}-react${versions.react}-dom${versions['react-dom']}`);
  const marker = path.join(dir, '.bench-built');
  if (existsSync(marker) && existsSync(path.join(dir, '.next/BUILD_ID'))) return { dir, versions, built: false, buildSeconds: 0 };

  log(`building the bare Next.js page (next ${versions.next}, react ${versions.react}) in ${dir}`);
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bare-next-page', private: true, type: 'module' }, null, 2));
  writeFileSync(path.join(dir, 'next.config.mjs'), `export default { turbopack: { root: ${JSON.stringify(dir)} } };\n`);
  writeFileSync(
    path.join(dir, 'app/layout.jsx'),
    `export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
  );
  writeFileSync(path.join(dir, 'app/page.jsx'), `export default function Page() {\n  return <main><h1>Bare page</h1><p>Next.js and React, nothing else.</p></main>;\n}\n`);
  const copy = spawnSync('cp', ['-al', modules, path.join(dir, 'node_modules')], { stdio: 'inherit' });
  if (copy.status !== 0) throw new Error('could not hard-link node_modules for the bare page');
  const build = spawnSync(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the bare page did not build:\n${build.stdout}\n${build.stderr}`);
  writeFileSync(marker, JSON.stringify(versions));
  return { dir, versions, built: true, buildSeconds: Math.round((performance.now() - started) / 100) / 10 };
}
