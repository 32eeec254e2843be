/**
 * Deletes every partition, key, user and audit record and seeds the demo data again on next start.
 * Embedded store: removes the data folder. Postgres (DATABASE_URL): drops the console's and the
 * emulator's tables. Stop the console first.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../lib/db/driver';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = path.resolve(process.env.DATA_DIR ?? '.data', 'pglite');
    rmSync(dir, { recursive: true, force: true });
    console.log(`Removed ${dir}. The demo data is seeded again when the console starts.`);
    return;
  }
  const db = await openDatabase(url);
  await db.exec(`DROP SCHEMA IF EXISTS hsm CASCADE;
    DROP TABLE IF EXISTS report_audit, report_chunks, reports, report_baselines, security_log, audit_events, login_attempts, sessions, users,
      console_migrations, hsm_migrations CASCADE;
    DROP FUNCTION IF EXISTS forbid_change() CASCADE;`);
  await db.close();
  console.log('Dropped the console and emulator tables. The demo data is seeded again when the console starts.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
