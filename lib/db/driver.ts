import { mkdirSync } from 'node:fs';
import { lockStore } from './store-lock';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. Never nest: PGlite has one connection. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the embedded engine (a data folder, or `memory://`) or a Postgres server (`postgres://…`). */
export async function openDatabase(location: string): Promise<Database> {
  if (location.startsWith('postgres://') || location.startsWith('postgresql://')) {
    return openPostgres(location);
  }
  return openPglite(location);
}

async function openPglite(location: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  // Trigram indexes serve the partitions list's search (lib/hsm/emulator/search-schema.ts); a store
  // that has one must always be opened with the extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const inMemory = location.startsWith('memory://');
  if (!inMemory) mkdirSync(location, { recursive: true });
  // One process at a time may own a data folder (lib/db/store-lock.ts).
  const unlock = inMemory ? () => undefined : lockStore(location);
  const options = { extensions: { pg_trgm } };
  let db;
  try {
    db = inMemory ? new PGlite(options) : new PGlite(location, options);
    await db.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const run = async <T extends Row>(q: { query: typeof db.query }, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params ? [...params] : undefined)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => run(tx, sql, params) })),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  // Return bigint/numeric columns as strings would surprise callers; counts here fit in a JS number.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const run = async <T extends Row>(
    client: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> },
    sql: string,
    params?: readonly unknown[],
  ) => (await client.query(sql, params ? [...params] : undefined)).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
