/**
 * Loads a fleet at scale into the console's store (embedded by default, DATABASE_URL for Postgres):
 *   npm run seed -- --partitions 10000 [--tenants 50] [--keys 200000] [--changes 100000]
 * The demo tenants and users are seeded first when the store is empty. Stop the console first when it
 * runs on the embedded store. The fleet's history is attributed to the provider's compliance user.
 */
import { parseArgs } from 'node:util';
import { createContext, defaultDatabaseLocation } from '../lib/context';
import { DEFAULT_FLEET, seedFleet } from '../lib/seed/fleet';

const { values } = parseArgs({
  options: {
    partitions: { type: 'string' },
    tenants: { type: 'string' },
    keys: { type: 'string' },
    changes: { type: 'string' },
  },
});

/** CPU time of this process so far (the embedded engine runs in it): steadier than wall time on a busy machine. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function count(value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive whole number: ${value}`);
  return n;
}

async function main() {
  const started = Date.now();
  const partitions = count(values.partitions, DEFAULT_FLEET.partitions);
  const spec = {
    ...DEFAULT_FLEET,
    partitions,
    tenants: count(values.tenants, Math.min(DEFAULT_FLEET.tenants, partitions)),
    keys: count(values.keys, partitions * 20),
    changes: count(values.changes, partitions * 10),
  };
  const ctx = await createContext({ database: defaultDatabaseLocation(), seedDemo: true });
  try {
    const [existing] = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hsm.partitions WHERE id LIKE 'fleet-p%'");
    if ((existing?.n ?? 0) > 0) throw new Error('a fleet is already loaded: run `npm run reset` first');
    const [actor] = await ctx.db.query<{ id: string; name: string; role: string }>(
      "SELECT id, name, role FROM users WHERE role = 'security_officer' ORDER BY email LIMIT 1",
    );
    if (!actor) throw new Error('no user to attribute the history to');
    await seedFleet(ctx.db, spec, actor);
    console.log(
      `Loaded ${spec.partitions} partitions over ${spec.tenants} tenants, ${spec.keys} keys ` +
        `(${Math.round(spec.binShare * 100)}% in bins) and ${spec.changes} policy changes in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(${cpuSeconds().toFixed(1)} s CPU).`,
    );
  } finally {
    await ctx.db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
