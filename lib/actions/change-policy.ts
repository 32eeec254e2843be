'use server';

import { changePolicy } from '@/lib/services/policy-change';
import { policyChangeSchema } from '@/lib/schemas/policy-change';
import { runAction } from './wrapper';

/** Posts one policy switch (FormData: `<policyId>=true|false`, version, submission id, confirmation). */
export async function changePolicyAction(formData: FormData) {
  return runAction(
    { name: 'changePolicy', permission: 'policy.change', schema: policyChangeSchema, run: changePolicy },
    formData,
  );
}
