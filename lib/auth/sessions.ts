import { randomBytes } from 'node:crypto';
import type { Queryable } from '@/lib/db/driver';
import { ROLES, scopeProblem, type Actor, type Role } from './roles';

const SESSION_HOURS = 12;

export async function createSession(db: Queryable, userId: string): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
    [id, userId],
  );
  return id;
}

export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

/** Re-reads the user's role and tenant from the store: demotion and logout take effect at once. */
export async function resolveActor(db: Queryable, sessionId: string | null | undefined): Promise<Actor | null> {
  if (!sessionId) return null;
  const [row] = await db.query<{
    user_id: string;
    email: string;
    name: string;
    role: string;
    tenant_id: string | null;
  }>(
    `SELECT u.id AS user_id, u.email, u.name, u.role, u.tenant_id
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
    [sessionId],
  );
  if (!row || !(ROLES as readonly string[]).includes(row.role)) return null;
  // Fails closed: a customer role stored without its tenant (or support with one) acts as no one.
  if (scopeProblem(row.role as Role, row.tenant_id) !== null) return null;
  return {
    userId: row.user_id,
    sessionId,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    tenantId: row.tenant_id,
  };
}
