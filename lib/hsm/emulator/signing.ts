import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { Queryable } from '@/lib/db/driver';
import type { Migration } from '@/lib/db/migrate';
import type { ReportSigningKey } from '../types';
import { privateScalar, signDigestP256 } from './ecdsa-p256';
import { iso } from './rows';

/**
 * The cluster's report-signing key, held in the backend's key store (schema `hsm`), never in the
 * console's tables or files. Made on first use; only the public half leaves through the admin face.
 */
export const SIGNING_MIGRATION: Migration = {
  id: '003_report_signing',
  sql: `
CREATE TABLE hsm.signing_keys (
  purpose text PRIMARY KEY,
  private_der bytea NOT NULL,
  public_der bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
};

const PURPOSE = 'policy-reports';

type KeyRow = { private_der: Uint8Array; public_der: Uint8Array; created_at: Date | string };

async function loadOrCreate(q: Queryable): Promise<KeyRow> {
  const select = 'SELECT private_der, public_der, created_at FROM hsm.signing_keys WHERE purpose = $1';
  const [existing] = await q.query<KeyRow>(select, [PURPOSE]);
  if (existing) return existing;
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Two first uses at once: one insert wins, both read the winner.
  await q.query('INSERT INTO hsm.signing_keys (purpose, private_der, public_der) VALUES ($1, $2, $3) ON CONFLICT (purpose) DO NOTHING', [
    PURPOSE,
    pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
    pair.publicKey.export({ format: 'der', type: 'spki' }),
  ]);
  const [created] = await q.query<KeyRow>(select, [PURPOSE]);
  if (!created) throw new Error('the report-signing key could not be stored');
  return created;
}

export async function reportSigningKey(q: Queryable): Promise<ReportSigningKey> {
  const row = await loadOrCreate(q);
  const der = Buffer.from(row.public_der);
  return {
    algorithm: 'ECDSA P-256 with SHA-256',
    publicKeyPem: createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
    createdAt: iso(row.created_at),
  };
}

export async function signReportDigest(q: Queryable, digest: Uint8Array): Promise<Uint8Array> {
  const row = await loadOrCreate(q);
  return signDigestP256(privateScalar(row.private_der), digest);
}
