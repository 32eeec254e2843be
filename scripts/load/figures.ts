/** Counters and latencies of a load run. */
export class Figures {
  applied = 0;
  conflicts = 0;
  /** The policy already had the value asked for: another client changed it between read and save. */
  stale = 0;
  unknown = 0;
  reads = 0;
  errors: string[] = [];
  private readonly changeMs: number[] = [];
  private readonly readMs: number[] = [];

  change(ms: number): void {
    this.changeMs.push(ms);
  }

  read(ms: number): void {
    this.reads += 1;
    this.readMs.push(ms);
  }

  get changes(): number {
    return this.changeMs.length;
  }

  static percentile(values: number[], p: number): number {
    if (values.length === 0) return 0;
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  }

  latency(kind: 'change' | 'read'): string {
    const values = kind === 'change' ? this.changeMs : this.readMs;
    return `p50 ${Figures.percentile(values, 50)} ms, p95 ${Figures.percentile(values, 95)} ms, p99 ${Figures.percentile(values, 99)} ms`;
  }
}
