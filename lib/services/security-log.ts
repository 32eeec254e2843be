import type { Queryable } from '@/lib/db/driver';
import type { Actor } from '@/lib/auth/roles';

export type SecurityEvent = {
  actor: Actor | null;
  action: string;
  target?: string | null;
  reason: string;
};

/** Attacker-supplied text is echoed here: keep it storable (no NUL) and bounded. */
function storable(text: string | null | undefined, max: number): string | null {
  return text == null ? null : text.replace(/\u0000/g, '\uFFFD').slice(0, max);
}

/** Denied and invalid attempts: who, what, why. Never part of the change history. */
export async function logSecurityEvent(db: Queryable, event: SecurityEvent): Promise<void> {
  await db.query(
    'INSERT INTO security_log (user_id, user_name, role, tenant_id, action, target, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      event.actor?.userId ?? null,
      event.actor?.email ?? null,
      event.actor?.role ?? null,
      event.actor?.tenantId ?? null,
      storable(event.action, 100),
      storable(event.target, 300),
      storable(event.reason, 1000),
    ],
  );
}

export type SecurityLogEntry = {
  id: number;
  at: string;
  userName: string | null;
  role: string | null;
  action: string;
  target: string | null;
  reason: string;
};

export async function listSecurityLog(db: Queryable, tenantId: string | null, limit = 200): Promise<SecurityLogEntry[]> {
  const rows = await db.query<{
    id: number;
    at: Date;
    user_name: string | null;
    role: string | null;
    action: string;
    target: string | null;
    reason: string;
  }>(
    `SELECT id, at, user_name, role, action, target, reason FROM security_log
      WHERE $1::text IS NULL OR tenant_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    userName: r.user_name,
    role: r.role,
    action: r.action,
    target: r.target,
    reason: r.reason,
  }));
}
