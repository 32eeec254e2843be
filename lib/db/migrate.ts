import type { Database, Queryable } from './driver';

/** `run`, when given, runs after `sql` in the same transaction (a data step SQL alone cannot do). */
export type Migration = { id: string; sql: string; run?: (tx: Queryable) => Promise<void> };

/**
 * Applies migrations in order, once each, recording them in `<table>`. The same SQL runs on the
 * embedded engine and on a Postgres server. An advisory lock keeps two instances from racing.
 */
export async function migrate(db: Database, table: string, migrations: readonly Migration[]): Promise<void> {
  await db.transaction(async (tx) => {
    // Lock first: two instances (or test files) creating the same table at once collide in pg_type.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [table]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ id: string }>(`SELECT id FROM ${table}`)).map((row) => row.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      if (migration.run) await migration.run(tx);
      await tx.query(`INSERT INTO ${table} (id) VALUES ($1)`, [migration.id]);
    }
  });
}

/** Splits on `;` at line ends, keeping `$$ … $$` function bodies whole. */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    current += `${line}\n`;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
