import { z } from 'zod';
import { POLICY_IDS, type PolicyId } from '@/lib/policy';
import { formBoolean } from './form-boolean';

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.trim()));

const policyFields = Object.fromEntries(POLICY_IDS.map((id) => [id, formBoolean.optional()])) as Record<
  PolicyId,
  z.ZodOptional<typeof formBoolean>
>;

/** One policy per save: exactly one of the eight policy fields is present, as an explicit true/false. */
export const policyChangeSchema = z
  .object({
    partitionId: z.string().min(1).max(64),
    expectedVersion: z.coerce.number().int().min(0),
    idempotencyKey: z.uuid('The form is missing its submission id. Reload the page.'),
    confirm: z.enum(['outage', 'workflow-breaking', 'irreversible-data', 'exfiltration']).optional(),
    reason: optionalText(500),
    typedName: optionalText(200),
    ticket: optionalText(64),
    ...policyFields,
  })
  .transform((data, context) => {
    const present = POLICY_IDS.filter((id) => data[id] !== undefined);
    if (present.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['policy'],
        message: present.length === 0 ? 'No policy to change was given.' : 'Change one policy per save.',
      });
      return z.NEVER;
    }
    const policy = present[0] as PolicyId;
    return {
      partitionId: data.partitionId,
      expectedVersion: data.expectedVersion,
      idempotencyKey: data.idempotencyKey,
      confirm: data.confirm ?? null,
      reason: data.reason,
      typedName: data.typedName,
      ticket: data.ticket,
      policy,
      value: data[policy] as boolean,
    };
  });

export type PolicyChangeForm = z.output<typeof policyChangeSchema>;
