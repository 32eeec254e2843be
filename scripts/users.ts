/**
 * Manage console users (stop the console first when it runs on the embedded store).
 *   npm run users -- list
 *   npm run users -- add --email a@x --name "A" --role security_officer --tenant acme [--password P]
 *                        [--oidc-issuer https://idp.example --oidc-subject 248289761001]
 *   npm run users -- set-role --email a@x --role viewer
 *   npm run users -- disable --email a@x
 * Roles come only from here (or the store), never from an identity provider's claims.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../lib/auth/password';
import { ROLES } from '../lib/auth/roles';
import { createContext, defaultDatabaseLocation } from '../lib/context';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    tenant: { type: 'string' },
    password: { type: 'string' },
    'oidc-issuer': { type: 'string' },
    'oidc-subject': { type: 'string' },
  },
});

const Role = z.enum(ROLES);
/** The store allows 200 characters (migration 010: the name goes into the audit's covering index). */
const DisplayName = z.string().trim().min(1, 'The name is empty.').max(200, 'The name is longer than 200 characters.');

async function main() {
  const ctx = await createContext({ database: defaultDatabaseLocation(), seedDemo: process.env.SEED_DEMO !== 'false' });
  try {
    const command = positionals[0] ?? 'list';
    if (command === 'list') {
      const rows = await ctx.db.query('SELECT email, name, role, tenant_id, oidc_issuer, oidc_subject, disabled FROM users ORDER BY email');
      console.table(rows);
    } else if (command === 'add') {
      const email = z.email().parse(values.email).toLowerCase();
      const role = Role.parse(values.role);
      const issuer = values['oidc-issuer']?.replace(/\/$/, '') ?? null;
      const subject = values['oidc-subject'] ?? null;
      if ((issuer === null) !== (subject === null)) throw new Error('--oidc-issuer and --oidc-subject go together');
      await ctx.db.query(
        'INSERT INTO users (id, email, name, password_hash, role, tenant_id, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          `usr_${randomUUID().slice(0, 12)}`,
          email,
          DisplayName.parse(values.name ?? email),
          values.password ? await hashPassword(values.password) : null,
          role,
          values.tenant ?? null,
          issuer,
          subject,
        ],
      );
      console.log(`Added ${email} (${role}, ${values.tenant ?? 'all tenants'})`);
    } else if (command === 'set-role' || command === 'disable') {
      const email = z.email().parse(values.email).toLowerCase();
      const updated =
        command === 'disable'
          ? await ctx.db.query('UPDATE users SET disabled = true WHERE email = $1 RETURNING id', [email])
          : await ctx.db.query('UPDATE users SET role = $2 WHERE email = $1 RETURNING id', [email, Role.parse(values.role)]);
      if (updated.length === 0) throw new Error(`no user ${email}`);
      console.log(`Updated ${email}: takes effect on the user's next request`);
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    await ctx.db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
