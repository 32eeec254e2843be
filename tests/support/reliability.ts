import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Fragments of docs/RELIABILITY.md written by the tests themselves (scripts/reliability-report.mjs
 * renders them): each row is a family of attacks, faults or inputs, how many cases ran, and what
 * happened. A case counts as passed only once all of its assertions held.
 */
export type ReliabilitySection = 'faults' | 'attacks';

export type ReliabilityRow = { family: string; tried: string; expected: string; cases: number; passed: number };

const DIR = path.resolve(import.meta.dirname, '..', '.reports', 'reliability');

/** Where the suite ran: the engine of the integration store, or `http` for tests against `next start`. */
export function suiteName(kind: 'integration' | 'http' | 'unit'): string {
  if (kind !== 'integration') return kind;
  return process.env.TEST_DATABASE_URL ? 'integration (postgres)' : 'integration (pglite)';
}

/** Counts cases per family while a file runs, and writes the file's fragment at the end. */
export class ReliabilityLog {
  private readonly rows = new Map<string, ReliabilityRow>();

  constructor(
    private readonly section: ReliabilitySection,
    private readonly name: string,
    private readonly suite: string,
  ) {}

  family(family: string, tried: string, expected: string): { attempt: () => void; pass: () => void } {
    const row = this.rows.get(family) ?? { family, tried, expected, cases: 0, passed: 0 };
    this.rows.set(family, row);
    return { attempt: () => void (row.cases += 1), pass: () => void (row.passed += 1) };
  }

  /** Runs one case: counted as attempted, and as passed only when `check` completes. */
  async check<T>(family: string, tried: string, expected: string, run: () => Promise<T>): Promise<T> {
    const counter = this.family(family, tried, expected);
    counter.attempt();
    const result = await run();
    counter.pass();
    return result;
  }

  write(): void {
    if (this.rows.size === 0) return;
    mkdirSync(DIR, { recursive: true });
    const slug = `${this.name}-${this.suite.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.replace(/-+$/, '');
    writeFileSync(
      path.join(DIR, `${slug}.json`),
      `${JSON.stringify({ section: this.section, suite: this.suite, source: this.name, rows: [...this.rows.values()] }, null, 2)}\n`,
    );
  }
}
