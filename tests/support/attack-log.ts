import { ReliabilityFragment } from './reliability';

/** The section of docs/RELIABILITY.md the security tests write (scripts/reliability-report.mjs renders it). */
export const ATTACKS_SECTION = 'Attacks and bad input';

/**
 * Counts the cases of each attack or input family while a test file runs and writes one row per
 * family at the end: what was tried, how many cases, and the outcome. A case counts only once all of
 * its assertions held; a family with a failed case says so.
 */
export class AttackLog {
  private readonly families = new Map<string, { tried: string; expected: string; attempted: number; passed: number }>();

  constructor(private readonly name: string) {}

  /** Runs one case of `family` and counts it. */
  async check<T>(family: string, tried: string, expected: string, run: () => Promise<T>): Promise<T> {
    const counts = this.families.get(family) ?? { tried, expected, attempted: 0, passed: 0 };
    this.families.set(family, counts);
    counts.attempted += 1;
    const result = await run();
    counts.passed += 1;
    return result;
  }

  /** Adds cases that ran elsewhere (e.g. fast-check's runs inside one property). */
  count(family: string, tried: string, expected: string, cases: number): void {
    const counts = this.families.get(family) ?? { tried, expected, attempted: 0, passed: 0 };
    this.families.set(family, counts);
    counts.attempted += cases;
    counts.passed += cases;
  }

  write(): void {
    const fragment = new ReliabilityFragment(this.name, ATTACKS_SECTION, ['family', 'tried', 'cases', 'outcome']);
    for (const [family, c] of this.families) {
      const failed = c.attempted - c.passed;
      fragment.add({
        family,
        tried: c.tried,
        cases: c.passed,
        outcome: failed === 0 ? c.expected : `FAILED in ${failed} of ${c.attempted} cases (expected: ${c.expected})`,
      });
    }
    fragment.write();
  }
}
