/**
 * Verifies the tamper-evident audit: every partition's hash chain in `audit_events`, from its first
 * record. Prints one line per partition and names the first broken record of each broken chain.
 *   npm run audit:verify                      (DATABASE_URL, or the embedded store in DATA_DIR; stop the console first)
 *   npm run audit:verify -- --partition ID    (one partition)
 *   npm run audit:verify -- --json            (machine-readable)
 * Exit code: 0 every chain verified, 1 a chain is broken, 2 the store could not be read.
 */
import { parseArgs } from 'node:util';
import { describeChain, verifyAllChains, verifyChain, type ChainStatus } from '../lib/audit/verify';
import { defaultDatabaseLocation } from '../lib/context';
import { openDatabase } from '../lib/db/driver';

const { values } = parseArgs({ options: { partition: { type: 'string' }, json: { type: 'boolean' }, database: { type: 'string' } } });

async function main(): Promise<number> {
  const db = await openDatabase(values.database ?? defaultDatabaseLocation());
  try {
    const statuses: ChainStatus[] = values.partition ? [await verifyChain(db, values.partition)] : await verifyAllChains(db);
    const broken = statuses.filter((s) => s.broken);
    if (values.json) {
      console.log(JSON.stringify({ verified: statuses.length - broken.length, broken: broken.length, chains: statuses }, null, 2));
    } else {
      for (const status of statuses) console.log(`${status.broken ? 'BROKEN' : 'ok    '} ${status.partitionId}: ${describeChain(status)}`);
      console.log(
        broken.length === 0
          ? `All ${statuses.length} audit chains verified.`
          : `${broken.length} of ${statuses.length} audit chains are broken: ${broken.map((s) => s.partitionId).join(', ')}`,
      );
    }
    return broken.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not read the store: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
