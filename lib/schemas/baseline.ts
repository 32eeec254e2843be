import { z } from 'zod';
import { POLICY_IDS, type PartitionPolicy, type PolicyId } from '@/lib/policy';

/** Per policy: "any" (not part of the baseline), "true" (must be allowed / enabled) or "false". */
const requirement = z.enum(['any', 'true', 'false'], 'Choose any, on or off.').default('any');

const fields = Object.fromEntries(POLICY_IDS.map((id) => [id, requirement])) as Record<PolicyId, typeof requirement>;

export const baselineSchema = z.object(fields).transform((data) => {
  const policy: Partial<PartitionPolicy> = {};
  for (const id of POLICY_IDS) if (data[id] !== 'any') policy[id] = data[id] === 'true';
  return { policy };
});
