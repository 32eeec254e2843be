import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

/**
 * Raw-HTTP helpers for the attack tests: sign in through Auth.js's own endpoints, and call a server
 * action the way the browser does (its id from the build's server-reference manifest, its FormData
 * argument encoded as React's client encodes it).
 */

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

export function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportName);
  if (!found) throw new Error(`no server action ${file}#${exportName} in the build`);
  return found[0];
}

/** Signs in with a password through /api/auth/callback/credentials; the request context keeps the cookie. */
export async function apiLogIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
  const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: '/partitions' },
    headers,
    maxRedirects: 0,
  });
}

/** POSTs a server action with one FormData argument (or none: `null`) to `page`, as React's fetch does. */
export async function postAction(
  request: APIRequestContext,
  pagePath: string,
  id: string,
  fields: Record<string, string> | null,
  headers: Record<string, string> = {},
) {
  // The argument's fields first, the root ("0") last, as React sends them: the server resolves the
  // root as soon as it arrives. (A plain object would put the integer-like key "0" first.)
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields ?? {})) multipart.append(`_1_${name}`, value);
  multipart.append('0', fields ? '["$K1"]' : '[]');
  const response = await request.post(pagePath, {
    headers: { 'next-action': id, accept: 'text/x-component', ...headers },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

type PartitionJson = { partition: { version: number; policy: Record<string, boolean> } };

/** The partition as a security officer's request context reads it (policies and version). */
export async function partitionState(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/partitions/${id}`);
  expect(response.status()).toBe(200);
  const json = (await response.json()) as PartitionJson;
  return { version: json.partition.version, policy: json.partition.policy };
}
