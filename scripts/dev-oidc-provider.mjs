#!/usr/bin/env node
/**
 * A real, standards-compliant OpenID Connect issuer (node-oidc-provider) for tests and local tryouts
 * of single sign-on. Its development login page accepts any login: the login becomes the subject.
 *   node scripts/dev-oidc-provider.mjs [--port 3101] [--console http://127.0.0.1:3000]
 * Console side: OIDC_ISSUER=http://127.0.0.1:3101 OIDC_CLIENT_ID=partition-console
 *               OIDC_CLIENT_SECRET=dev-oidc-secret
 */
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3101' }, console: { type: 'string', default: 'http://127.0.0.1:3000' } },
});
const issuer = `http://127.0.0.1:${values.port}`;
const consoleUrls = values.console.split(',');

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'partition-console',
      client_secret: 'dev-oidc-secret',
      redirect_uris: consoleUrls.map((url) => `${url}/api/auth/callback/oidc`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['dev-oidc-cookie-key'] },
});
provider.proxy = false;
for (const event of ['grant.error', 'authorization.error', 'server_error']) {
  provider.on(event, (ctx, error) => console.error(`[dev-oidc] ${event}: ${error.message} ${error.error_detail ?? ""} ${ctx?.oidc?.params?.redirect_uri ?? ""} vs ${ctx?.oidc?.entities?.AuthorizationCode?.redirectUri ?? ""}`));
}

provider.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`dev OIDC issuer on ${issuer} (client partition-console, redirect to ${consoleUrls.join(', ')})`);
});
