import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ACTION_ENTRIES, HTTP_ONLY_ACTIONS } from './registry-actions';
import { HTTP_ONLY_ROUTES, ROUTE_ENTRIES } from './registry-routes';
import type { RegistryEntry } from './registry-types';

/**
 * The registry of every server action and route handler: the authorization matrix runs each entry
 * for every role x own / foreign tenant x nobody signed in, with the expectation read from the
 * permission table (lib/auth/permissions.ts). `exportedEndpoints` lists what the source tree exports,
 * so an action or route added without an entry here fails the suite.
 */
export const REGISTRY: readonly RegistryEntry[] = [...ACTION_ENTRIES, ...ROUTE_ENTRIES];

export const HTTP_ONLY: readonly { file: string; exportName: string; covered: string }[] = [...HTTP_ONLY_ACTIONS, ...HTTP_ONLY_ROUTES];

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) found.push(...filesUnder(rel, match));
    else if (match(name)) found.push(rel);
  }
  return found;
}

function exportsOf(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const names = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1] as string);
  for (const m of source.matchAll(/export\s+const\s+\{([^}]+)\}/g)) names.push(...(m[1] as string).split(',').map((n) => n.trim().split(':')[0]?.trim() ?? ''));
  for (const m of source.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) names.push(m[1] as string);
  return names.filter(Boolean);
}

/** `file#export` of every server action (lib/actions/*.ts, exports ending in Action) and route method (app/api). */
export function exportedEndpoints(): string[] {
  const serverFiles = filesUnder('lib/actions', (n) => n.endsWith('.ts')).filter((f) => /^\s*['"]use server['"]/.test(readFileSync(path.join(ROOT, f), 'utf8')));
  const actions = serverFiles.flatMap((f) =>
    exportsOf(f)
      .filter((e) => e.endsWith('Action'))
      .map((e) => `${f}#${e}`),
  );
  const routes = filesUnder('app/api', (n) => n === 'route.ts').flatMap((f) =>
    exportsOf(f)
      .filter((e) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(e))
      .map((e) => `${f}#${e}`),
  );
  return [...actions, ...routes].sort();
}

export function registeredEndpoints(): string[] {
  return [...REGISTRY, ...HTTP_ONLY].map((e) => `${e.file}#${e.exportName}`).sort();
}
