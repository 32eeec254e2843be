import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The section of docs/RELIABILITY.md the security tests write (scripts/reliability-report.mjs renders it). */
export const ATTACKS_SECTION = 'Attacks and bad input';

/**
 * Counts the cases of each attack or input family while a test file runs and writes one row per
 * family at the end: what was tried, how many cases, and the outcome. A case counts only once all of
 * its assertions held; a family with a failed case says so.
 */
export class AttackLog {
  private readonly families = new Map<string, { tried: string; expected: string; attempted: number; passed: number }>();

  /** `engine`: where the cases ran; by default the integration store's engine. */
  constructor(
    private readonly name: string,
    private readonly engine: string = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
  ) {}

  /** Runs `cases` cases of `family` (one by default) and counts them once `run` completes. */
  async check<T>(family: string, tried: string, expected: string, run: () => Promise<T>, cases = 1): Promise<T> {
    const counts = this.families.get(family) ?? { tried, expected, attempted: 0, passed: 0 };
    this.families.set(family, counts);
    counts.attempted += cases;
    const result = await run();
    counts.passed += cases;
    return result;
  }

  /** Adds cases that ran elsewhere (e.g. fast-check's runs inside one property). */
  count(family: string, tried: string, expected: string, cases: number): void {
    const counts = this.families.get(family) ?? { tried, expected, attempted: 0, passed: 0 };
    this.families.set(family, counts);
    counts.attempted += cases;
    counts.passed += cases;
  }

  /** Writes the fragment in the format of tests/support/reliability.ts (scripts/reliability-report.mjs renders it). */
  write(): void {
    const columns = ['family', 'tried', 'cases', 'outcome'];
    const rows = [...this.families].map(([family, c]) => {
      const failed = c.attempted - c.passed;
      const outcome = failed === 0 ? c.expected : `FAILED in ${failed} of ${c.attempted} cases (expected: ${c.expected})`;
      return [family, c.tried, c.passed, outcome];
    });
    if (rows.length === 0) return;
    const dir = path.resolve(import.meta.dirname, '..', '.reports', 'reliability');
    mkdirSync(dir, { recursive: true });
    const fragment = { section: ATTACKS_SECTION, columns, engine: this.engine, rows };
    writeFileSync(path.join(dir, `${this.name}-${this.engine.replace(/[^a-z0-9]+/gi, '-')}.json`), `${JSON.stringify(fragment, null, 2)}\n`);
  }
}
