'use server';

import { baselineSchema } from '@/lib/schemas/baseline';
import { saveBaseline } from '@/lib/services/report-baselines';
import { runAction } from './wrapper';

/** Saves the tenant's report baseline (FormData: `<policyId>=any|true|false`). */
export async function saveBaselineAction(formData: FormData) {
  return runAction({ name: 'baseline.save', permission: 'report.baseline', schema: baselineSchema, run: saveBaseline }, formData);
}
