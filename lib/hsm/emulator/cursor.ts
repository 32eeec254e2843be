import type { PartitionSort } from '../types';

export type Cursor = { v: string | number; id: string; back: boolean };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'v' in parsed &&
      'id' in parsed &&
      (typeof parsed.v === 'string' || typeof parsed.v === 'number') &&
      typeof parsed.id === 'string'
    ) {
      return { v: parsed.v, id: parsed.id, back: 'back' in parsed && parsed.back === true };
    }
  } catch {
    // fall through: a malformed cursor restarts at the first page
  }
  return null;
}

/** The SQL expression behind each sort, and the type its cursor value has. */
export const SORT_EXPRESSIONS: Record<PartitionSort, { expr: string; type: 'text' | 'int' }> = {
  name: { expr: 'lower(p.name)', type: 'text' },
  tenant: { expr: 'lower(t.name)', type: 'text' },
  package: { expr: 'p.package', type: 'text' },
  status: { expr: '(CASE WHEN p.client_api_access THEN 0 ELSE 2 END + CASE WHEN p.read_only THEN 1 ELSE 0 END)', type: 'int' },
  keys: { expr: 'p.key_count', type: 'int' },
  bin: { expr: 'p.bin_count', type: 'int' },
  usage: { expr: 'p.used_objects', type: 'int' },
};
