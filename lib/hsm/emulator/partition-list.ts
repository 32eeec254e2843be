import type { Queryable } from '@/lib/db/driver';
import type { PartitionPolicy, PolicyId } from '@/lib/policy';
import type { Page, PartitionPolicyRecord, PartitionQuery } from '../types';
import { decodeCursor, encodeCursor, SORT_EXPRESSIONS } from './cursor';
import { iso, type PartitionRow, policyOf, POLICY_COLUMNS, summaryOf } from './rows';

const MAX_PAGE = 200;

type ListedRow = PartitionRow & { created_at: Date | string; sort_value: string | number };

function policyEntries(values: Partial<PartitionPolicy> | undefined): [PolicyId, boolean][] {
  return Object.entries(values ?? {}).filter(
    (entry): entry is [PolicyId, boolean] => entry[0] in POLICY_COLUMNS && typeof entry[1] === 'boolean',
  );
}

/** Three letters or digits in a row: pg_trgm then has a trigram of the term to look up. */
const TRIGRAM = /[\p{L}\p{N}]{3}/u;

/** The search as the query uses it: the LIKE pattern (wildcards escaped), and the text as typed and lower-cased. */
function searchOf(query: PartitionQuery): { pattern: string; typed: string; lower: string } | null {
  const typed = query.search?.trim() || null;
  if (!typed) return null;
  const lower = typed.toLowerCase();
  return { pattern: lower.replace(/[%_\\]/g, (c) => `\\${c}`), typed, lower };
}

/**
 * The WHERE clause of a partition query: tenant, search, policy values, deviation, creation time.
 * `searchTenants`: the tenants whose name matches the search, looked up beforehand (a few dozen rows)
 * rather than joined and lowered for every partition; as a plain array the planner can see it, so
 * each branch of the search uses its index (docs/PERFORMANCE.md).
 */
function whereOf(query: PartitionQuery, searchTenants: readonly string[]): { where: string[]; params: unknown[] } {
  const search = searchOf(query);
  // $2 matches the lower-cased name (search_name, lower(name) stored): as a LIKE pattern when the term
  // has a trigram for the index to use, else as a plain substring (strpos: a term like "eu" scans the
  // table either way, and strpos costs a quarter of LIKE a row on the embedded engine). $3 and $4 are
  // an exact partition ID ("par_…") as typed or lower-cased (primary key); $5 the matching tenants.
  const indexed = search !== null && TRIGRAM.test(search.lower);
  const nameMatch = indexed ? "p.search_name LIKE '%' || $2 || '%'" : 'strpos(p.search_name, $2) > 0';
  const params: unknown[] = [query.tenantId || null, search ? (indexed ? search.pattern : search.lower) : null, search?.typed ?? null, search?.lower ?? null, [...searchTenants]];
  const where = [
    '($1::text IS NULL OR p.tenant_id = $1)',
    `($2::text IS NULL OR ${nameMatch} OR p.id = $3::text OR p.id = $4::text OR p.tenant_id = ANY($5::text[]))`,
  ];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Column names come from POLICY_COLUMNS only; values are always parameters.
  for (const [policy, value] of policyEntries(query.policy)) {
    where.push(`p.${POLICY_COLUMNS[policy]} = ${param(value)}::boolean`);
  }
  if (query.deviatesFrom) {
    const differ = policyEntries(query.deviatesFrom).map(([policy, value]) => `p.${POLICY_COLUMNS[policy]} <> ${param(value)}::boolean`);
    where.push(differ.length > 0 ? `(${differ.join(' OR ')})` : 'false');
  }
  if (query.createdAtOrBefore) where.push(`p.created_at <= ${param(query.createdAtOrBefore)}::timestamptz`);
  if (query.ids) where.push(`p.id = ANY(${param([...query.ids])}::text[])`);
  return { where, params };
}

/**
 * One page of partitions, keyset-paged on (sort value, id) in either direction: the backend pages,
 * the console never loads a whole fleet.
 */
export async function pagePartitions(q: Queryable, query: PartitionQuery): Promise<Page<PartitionPolicyRecord>> {
  const sort = SORT_EXPRESSIONS[query.sort ?? 'name'];
  const desc = query.dir === 'desc';
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
  const cursor = decodeCursor(query.cursor);
  const search = searchOf(query);
  const searchTenants = search
    ? (await q.query<{ id: string }>("SELECT id FROM hsm.tenants WHERE name ILIKE '%' || $1 || '%'", [search.pattern])).map((t) => t.id)
    : [];
  const { where, params } = whereOf(query, searchTenants);
  const from = 'FROM hsm.partitions p JOIN hsm.tenants t ON t.id = p.tenant_id';
  // The filters read the partition alone: the count needs no join, and no cursor.
  const countSql = `SELECT count(*)::int FROM hsm.partitions p WHERE ${where.join(' AND ')}`;

  // Walking backwards flips the comparison and the order, then the page is reversed.
  const back = cursor?.back ?? false;
  const ascending = desc === back;
  if (cursor) {
    params.push(cursor.v, cursor.id);
    where.push(`(${sort.expr}, p.id) ${ascending ? '>' : '<'} ($${params.length - 1}::${sort.type}, $${params.length}::text)`);
  }
  const order = ascending ? 'ASC' : 'DESC';
  // Count and page in one statement (one round trip), the page as one JSON document: the embedded
  // engine's driver decodes a row's ~25 columns one by one in JavaScript (~40 µs a row), JSON.parse
  // does it natively in half the time.
  const [result] = await q.query<{ n: number; page: string }>(
    `SELECT (${countSql}) AS n, (SELECT coalesce(json_agg(r ORDER BY r.sort_value ${order}, r.id ${order}), '[]')::text FROM (
       SELECT p.*, t.name AS tenant_name, ${sort.expr} AS sort_value ${from}
        WHERE ${where.join(' AND ')}
        ORDER BY ${sort.expr} ${order}, p.id ${order}
        LIMIT ${limit + 1}) r) AS page`,
    params,
  );
  const rows = JSON.parse(result?.page ?? '[]') as ListedRow[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (back) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = back ? cursor !== null : more;
  const hasPrev = back ? more : cursor !== null;
  return {
    items: page.map((row) => ({ ...summaryOf(row), policy: policyOf(row), createdAt: iso(row.created_at) })),
    total: Number(result?.n ?? 0),
    nextCursor: hasNext && last ? encodeCursor({ v: last.sort_value, id: last.id, back: false }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ v: first.sort_value, id: first.id, back: true }) : null,
  };
}
