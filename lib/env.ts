import { z } from 'zod';

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** `emulator`: the embedded cluster in this process. `http`: a cluster over HTTP (the standalone emulator). */
  HSM_BACKEND: z.enum(['emulator', 'http']).default('emulator'),
  /** With HSM_BACKEND=http: the cluster's base URL and bearer token, and the per-request timeout. */
  HSM_URL: z.string().url().optional(),
  HSM_TOKEN: z.string().min(16).optional(),
  HSM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
}).superRefine((value, context) => {
  if (value.HSM_BACKEND !== 'http') return;
  if (!value.HSM_URL) context.addIssue({ code: 'custom', path: ['HSM_URL'], message: 'required when HSM_BACKEND=http' });
  if (!value.HSM_TOKEN) context.addIssue({ code: 'custom', path: ['HSM_TOKEN'], message: 'required when HSM_BACKEND=http' });
});

export type Env = z.infer<typeof EnvSchema>;

/** Validated at first use, so a bad setting stops the server with a clear message. */
export function env(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
