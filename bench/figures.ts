/** The bench's one table: each figure, its target, the ratio that decides it, and the verdict. */

export type Verdict = 'meets' | 'misses' | 'reported' | 'not measured';

export type Figure = {
  figure: string;
  measured: string;
  target: string;
  /** The number compared with `limit` (e.g. p95 / floor p95, or seconds / target seconds). */
  ratio: number | null;
  ratioOf: string;
  limit: number | null;
  verdict: Verdict;
};

export function judged(figure: string, measured: string, target: string, ratio: number, limit: number, ratioOf: string): Figure {
  return { figure, measured, target, ratio: Math.round(ratio * 100) / 100, ratioOf, limit, verdict: ratio <= limit ? 'meets' : 'misses' };
}

export function reported(figure: string, measured: string, target: string, verdict: Verdict = 'reported'): Figure {
  return { figure, measured, target, ratio: null, ratioOf: '', limit: null, verdict };
}

export function notMeasured(figure: string, target: string, why: string): Figure {
  return { figure, measured: `not measured: ${why}`, target, ratio: null, ratioOf: '', limit: null, verdict: 'not measured' };
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    f.measured,
    f.target,
    f.ratio === null ? '–' : `${f.ratio.toFixed(2)} ${f.ratioOf}`.trim(),
    f.verdict,
  ]);
  const header = ['figure', 'measured', 'target', 'ratio', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const ms = (value: number) => `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
export const seconds = (value: number) => `${value.toFixed(value >= 10 ? 1 : 2)} s`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
