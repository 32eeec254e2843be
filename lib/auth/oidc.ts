import { z } from 'zod';

const OidcEnv = z.object({
  OIDC_ISSUER: z.string().url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_NAME: z.string().min(1).default('single sign-on'),
});

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

/** Single sign-on is on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
export function oidcSettings(): OidcSettings | null {
  if (!process.env.OIDC_ISSUER) return null;
  const parsed = OidcEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`OIDC is half configured: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  return {
    issuer: parsed.data.OIDC_ISSUER.replace(/\/$/, ''),
    clientId: parsed.data.OIDC_CLIENT_ID,
    clientSecret: parsed.data.OIDC_CLIENT_SECRET,
    name: parsed.data.OIDC_NAME,
  };
}
