import { POLICY_IDS, type PartitionPolicy } from '@/lib/policy';
import type { Baseline, Deviation } from './types';

/** The built-in baseline: keys may neither leave nor enter, and deletes go to the bin. */
export const NEVER_EXTRACTABLE: Baseline = {
  id: 'never-extractable',
  name: 'Never extractable',
  policy: { keyExport: false, keyImport: false, keyInvalidation: true },
};

/** The policies where `policy` differs from what `baseline` requires, in catalog order. */
export function deviationsOf(policy: PartitionPolicy, baseline: Baseline | null): Deviation[] {
  if (!baseline) return [];
  const deviations: Deviation[] = [];
  for (const id of POLICY_IDS) {
    const expected = baseline.policy[id];
    if (expected !== undefined && policy[id] !== expected) deviations.push({ policy: id, expected, actual: policy[id] });
  }
  return deviations;
}
