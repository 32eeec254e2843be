import type { ImpactLine } from './impact';

/** A line's identity in a list (two lines may share their first operation, class and direction). */
export function impactLineKey(line: ImpactLine): string {
  return `${line.keyClass}-${line.direction}-${line.text}`;
}
