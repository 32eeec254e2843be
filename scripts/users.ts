/**
 * Manage console users (stop the console first when it runs on the embedded store).
 *   npm run users -- list
 *   npm run users -- add --email a@x --name "A" --role security_officer --tenant acme [--password P]
 *                        [--oidc-issuer https://idp.example --oidc-subject 248289761001]
 *   npm run users -- set-role --email a@x --role viewer [--tenant acme | --tenant all]
 * Customer roles (viewer, partition_admin, security_officer) need an existing --tenant; support has none.
 *   npm run users -- disable --email a@x
 * Roles come only from here (or the store), never from an identity provider's claims.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../lib/auth/password';
import { ROLES, scopeProblem, type Role } from '../lib/auth/roles';
import { createContext, defaultDatabaseLocation, type AppContext } from '../lib/context';

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

const Role = z.enum(ROLES, { error: `The role is one of: ${ROLES.join(', ')}.` });
const Email = z.email({ error: 'Give an e-mail address with --email.' });
/** The store allows 200 characters (migration 010: the name goes into the audit's covering index). */
const DisplayName = z.string().trim().min(1, 'The name is empty.').max(200, 'The name is longer than 200 characters.');

/** A customer role needs a tenant that exists; support works across all tenants (lib/auth/roles.ts). */
async function checkScope(hsm: AppContext['hsm'], role: Role, tenant: string | null): Promise<void> {
  const problem = scopeProblem(role, tenant);
  if (problem) throw new Error(problem);
  if (tenant !== null && !(await hsm.admin.listTenants()).some((t) => t.id === tenant)) {
    throw new Error(`No tenant ${tenant}: the tenant IDs are in the partitions list's tenant filter.`);
  }
}

async function main() {
  const ctx = await createContext({ database: defaultDatabaseLocation(), seedDemo: process.env.SEED_DEMO !== 'false' });
  try {
    const command = positionals[0] ?? 'list';
    if (command === 'list') {
      const rows = await ctx.db.query('SELECT email, name, role, tenant_id, oidc_issuer, oidc_subject, disabled FROM users ORDER BY email');
      console.table(rows);
    } else if (command === 'add') {
      const email = Email.parse(values.email).toLowerCase();
      const role = Role.parse(values.role);
      const tenant = values.tenant ?? null;
      await checkScope(ctx.hsm, role, tenant);
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
          tenant,
          issuer,
          subject,
        ],
      );
      console.log(`Added ${email} (${role}, ${tenant ?? 'all tenants'})`);
    } else if (command === 'set-role' || command === 'disable') {
      const email = Email.parse(values.email).toLowerCase();
      const [user] = await ctx.db.query<{ id: string; tenant_id: string | null }>('SELECT id, tenant_id FROM users WHERE email = $1', [email]);
      if (!user) throw new Error(`No user ${email}.`);
      if (command === 'disable') {
        await ctx.db.query('UPDATE users SET disabled = true WHERE id = $1', [user.id]);
      } else {
        const role = Role.parse(values.role);
        const tenant = values.tenant === undefined ? user.tenant_id : values.tenant === 'all' ? null : values.tenant;
        await checkScope(ctx.hsm, role, tenant);
        await ctx.db.query('UPDATE users SET role = $2, tenant_id = $3 WHERE id = $1', [user.id, role, tenant]);
      }
      console.log(`Updated ${email}: takes effect on the user's next request`);
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    await ctx.db.close();
  }
}

/** One line a person can act on, not a validation dump or a driver's message. */
function messageOf(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((issue) => issue.message).join(' ');
  if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505') return `A user with e-mail ${values.email ?? ''} already exists.`;
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(messageOf(error));
  process.exit(1);
});
