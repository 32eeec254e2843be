'use server';

import { createReportSchema } from '@/lib/schemas/report';
import { createReport } from '@/lib/services/reports';
import { runAction } from './wrapper';

/** Starts a policy report (scope, as of, baseline, format); returns its id while it generates. */
export async function createReportAction(formData: FormData) {
  return runAction({ name: 'report.create', permission: 'report.create', schema: createReportSchema, run: createReport }, formData);
}
