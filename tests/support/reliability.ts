import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Rows for docs/RELIABILITY.md, written by the tests that produced them (only after their
 * assertions passed) to tests/.reports/reliability/*.json; scripts/reliability-report.mjs renders
 * them. A fragment: `{ section, columns, rows, engine }`; rows equal in every column but `cases`
 * are merged by the renderer (the integration suite runs on PGlite and on Postgres).
 */
export type ReliabilityRow = Record<string, string | number>;

export class ReliabilityFragment {
  private readonly rows: ReliabilityRow[] = [];

  constructor(
    private readonly name: string,
    readonly section: string,
    private readonly columns: string[],
  ) {}

  add(row: ReliabilityRow): void {
    this.rows.push(row);
  }

  write(): void {
    if (this.rows.length === 0) return;
    const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
    const dir = path.resolve('tests/.reports/reliability');
    mkdirSync(dir, { recursive: true });
    const fragment = { section: this.section, columns: this.columns, engine, rows: this.rows.map((r) => this.columns.map((c) => r[c] ?? '')) };
    writeFileSync(path.join(dir, `${this.name}-${engine}.json`), `${JSON.stringify(fragment, null, 2)}\n`);
  }
}
