/**
 * Server actions over plain HTTP, as the browser posts them: the action's id (from the build's
 * server-reference manifest) in a `next-action` header, the arguments encoded as React encodes them,
 * and the answer read back from the RSC stream.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpRequest, HttpResponse } from './http-load';
import { textOf } from './http-load';

type ManifestEntry = { exportedName?: string; filename?: string; workers: Record<string, unknown> };
type Manifest = { node: Record<string, ManifestEntry> };

/** The id of `exportName` from `file` (e.g. lib/actions/ping.ts) in this build, and the pages that serve it. */
export function actionId(root: string, file: string, exportName: string): { id: string; pages: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && entry.filename === file) return { id, pages: Object.keys(entry.workers) };
  }
  throw new Error(`${exportName} (${file}) is not in this build's server actions: rebuild (npm run bench -- --build)`);
}

/** A multipart body as a browser makes it, fields in the order given. */
function multipart(fields: readonly (readonly [string, string])[]): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomUUID().replaceAll('-', '')}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type ActionCall = { id: string; origin: string; cookie: string; page: string };

/**
 * An action called with one FormData argument: React sends its fields as `_1_<name>` and then the
 * root `0: ["$K1"]`, which must come last (the server resolves the root as soon as it reads it).
 */
export function formActionRequest(call: ActionCall, form: Record<string, string>): HttpRequest {
  const fields = Object.entries(form).map(([name, value]) => [`_1_${name}`, value] as const);
  const { body, contentType } = multipart([...fields, ['0', '["$K1"]']]);
  return { method: 'POST', path: call.page, headers: actionHeaders(call, contentType), body };
}

/** An action called without arguments. */
export function emptyActionRequest(call: ActionCall): HttpRequest {
  return { method: 'POST', path: call.page, headers: actionHeaders(call, 'text/plain;charset=UTF-8'), body: '[]' };
}

function actionHeaders(call: ActionCall, contentType: string): Record<string, string> {
  return {
    'next-action': call.id,
    accept: 'text/x-component',
    'content-type': contentType,
    origin: call.origin,
    cookie: call.cookie,
  };
}

export type ActionResult = { ok: true; data: unknown } | { ok: false; code: string; error: string; details?: unknown };

/** The action's return value: the RSC row that the stream's first row points at. */
export function actionResult(response: HttpResponse): ActionResult | null {
  if (response.status !== 200) return null;
  const rows = new Map<string, string>();
  for (const line of textOf(response).split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) rows.set(match[1], match[2]);
  }
  const head = rows.get('0');
  if (!head) return null;
  const pointer = (JSON.parse(head) as { a?: string }).a;
  const row = pointer?.startsWith('$@') ? rows.get(pointer.slice(2)) : undefined;
  if (!row) return null;
  const value = JSON.parse(row) as unknown;
  return typeof value === 'object' && value !== null && 'ok' in value ? (value as ActionResult) : null;
}
