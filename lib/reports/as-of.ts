import type { PolicyLogEntry } from '@/lib/hsm/types';
import type { PartitionPolicy } from '@/lib/policy';

/**
 * A partition's policy at instant `asOf`, from its current policy and its policy log: each change
 * made after `asOf` is undone, newest first. So a policy's value is the value after the last change
 * at or before `asOf`, or the `from` of the first change after it.
 */
export function policyAsOf(
  current: { policy: PartitionPolicy; version: number },
  log: readonly PolicyLogEntry[],
  asOf: string,
): { policy: PartitionPolicy; version: number } {
  const limit = Date.parse(asOf);
  const policy = { ...current.policy };
  let version = current.version;
  const later = log.filter((entry) => Date.parse(entry.at) > limit).sort((a, b) => b.version - a.version);
  for (const entry of later) {
    policy[entry.policy] = entry.from;
    version = Math.min(version, entry.version - 1);
  }
  return { policy, version };
}

/** Changes with `from < at <= to`, oldest first. */
export function changesBetween<E extends PolicyLogEntry>(log: readonly E[], from: string, to: string): E[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  return log
    .filter((entry) => {
      const at = Date.parse(entry.at);
      return at > start && at <= end;
    })
    .sort((a, b) => a.version - b.version);
}
