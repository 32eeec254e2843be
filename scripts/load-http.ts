/**
 * A mixed load against the http backend: the standalone emulator in its own process (demo cluster,
 * loopback only) and N console users in this process, reading and changing policies through the
 * console's service layer for a fixed time.
 *
 *   npm run load:http                          (60 s, 20 clients)
 *   npm run load:http -- --seconds 10 --clients 20 [--fragment tests/.reports/load-short.json]
 *
 * Ends with the figures and a check: 0 errors, no unknown outcome, and the audit's `applied`
 * outcomes equal to the changes the cluster logged for these users (version conflicts counted
 * apart). Exits 1 otherwise. Writes tests/.reports/reliability/load-http.json for
 * docs/RELIABILITY.md (npm run reliability:report).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Actor } from '../lib/auth/roles';
import { createContext } from '../lib/context';
import { HttpHsmCluster } from '../lib/hsm/http';
import { DEMO_PARTITIONS, DEMO_TENANTS } from '../lib/seed/demo-data';
import { runClient } from './load/client';
import { startEmulatorProcess } from './load/emulator-process';
import { Figures } from './load/figures';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '20' },
    /** Where the figures go for docs/RELIABILITY.md (scripts/test-all.sh's short run writes elsewhere). */
    fragment: { type: 'string', default: 'tests/.reports/reliability/load-http.json' },
  },
});
const seconds = z.coerce.number().int().min(1).max(3600).parse(values.seconds);
const clients = z.coerce.number().int().min(1).max(200).parse(values.clients);
const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const emulator = await startEmulatorProcess(root);
  const ctx = await createContext({ database: 'memory://', seedDemo: false, hsm: { backend: 'http', url: emulator.url, token: emulator.token, timeoutMs: 10_000 } });
  try {
    // One security officer per client, each in one of the demo tenants, working on that tenant's partitions.
    const actors: { actor: Actor; partitions: string[] }[] = [];
    for (let i = 0; i < clients; i += 1) {
      const tenant = DEMO_TENANTS[i % DEMO_TENANTS.length] as (typeof DEMO_TENANTS)[number];
      const userId = `load-${i}`;
      await ctx.db.query('INSERT INTO users (id, email, name, role, tenant_id) VALUES ($1, $2, $3, $4, $5)', [
        userId,
        `${userId}@load.example`,
        `Load client ${i}`,
        'security_officer',
        tenant.id,
      ]);
      const actor: Actor = { userId, sessionId: 'load', email: `${userId}@load.example`, name: `Load client ${i}`, role: 'security_officer', tenantId: tenant.id };
      actors.push({ actor, partitions: DEMO_PARTITIONS.filter((p) => p.tenantId === tenant.id).map((p) => p.id) });
    }

    const figures = new Figures();
    console.log(`[load] ${clients} clients for ${seconds} s against ${emulator.url} (standalone emulator, http backend)`);
    const started = Date.now();
    const deadline = started + seconds * 1000;
    await Promise.all(actors.map(({ actor, partitions }) => runClient(ctx, actor, partitions, deadline, figures)));
    const elapsed = (Date.now() - started) / 1000;

    // What the cluster logged for these users, against what the console's audit says was applied.
    let clusterApplied = 0;
    for (const partition of DEMO_PARTITIONS) {
      clusterApplied += (await ctx.hsm.admin.policyLog(partition.id, 0)).filter((e) => e.actor.startsWith('console:load-')).length;
    }
    const [audit] = await ctx.db.query<{ applied: number; unknown: number; intents: number }>(
      `SELECT count(*) FILTER (WHERE phase = 'outcome' AND outcome = 'applied')::int AS applied,
              count(*) FILTER (WHERE phase = 'outcome' AND outcome = 'unknown')::int AS unknown,
              count(*) FILTER (WHERE phase = 'intent')::int AS intents
         FROM audit_events WHERE actor_id LIKE 'load-%' AND action = 'policy.change'`,
    );
    const counters = ctx.hsm instanceof HttpHsmCluster ? ctx.hsm.transport.counters : null;
    const retries = counters ? `${counters.readRetries}${counters.lastRetryReason ? ` (last: ${counters.lastRetryReason})` : ''}` : '0';
    const operations = figures.changes + figures.reads;
    const ok = figures.errors.length === 0 && figures.unknown === 0 && audit?.unknown === 0 && audit.applied === clusterApplied && audit.applied === figures.applied;

    console.log(`[load] ${operations} operations in ${elapsed.toFixed(1)} s (${Math.round(operations / elapsed)}/s): ${figures.reads} reads, ${figures.changes} policy changes`);
    console.log(`[load] changes: ${figures.applied} applied, ${figures.conflicts} version conflicts, ${figures.stale} already changed by another client, ${figures.unknown} unknown`);
    console.log(`[load] cluster logged ${clusterApplied} changes; audit: ${audit?.intents} intents, ${audit?.applied} applied outcomes, ${audit?.unknown} unknown`);
    console.log(`[load] latency: changes ${figures.latency('change')}; reads ${figures.latency('read')}; read retries ${retries}`);
    console.log(`[load] machine: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    console.log(`[load] errors: ${figures.errors.length}${figures.errors.length ? ` (first: ${figures.errors[0]})` : ''}`);
    console.log(`[load] ${ok ? 'OK' : 'FAILED'}: 0 errors and audit applied = cluster applied = changes applied`);

    const fragment = path.resolve(root, values.fragment);
    mkdirSync(path.dirname(fragment), { recursive: true });
    const machine = `${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)} at the end`;
    const outcome =
      `${ok ? '' : 'FAILED: '}${figures.errors.length} errors; ${figures.changes} changes: ${figures.applied} applied (audit ${audit?.applied}, cluster log ${clusterApplied}), ` +
      `${figures.conflicts} version conflicts and ${figures.stale} already changed, counted apart; ${figures.reads} reads; ` +
      `changes ${figures.latency('change')}; reads ${figures.latency('read')} (${machine})`;
    writeFileSync(
      fragment,
      `${JSON.stringify({ section: 'Load', columns: ['run', 'cases', 'outcome'], rows: [[`${clients} clients, ${seconds} s, http backend (npm run load:http)`, operations, outcome]] }, null, 2)}\n`,
    );
    return ok ? 0 : 1;
  } finally {
    await ctx.db.close();
    await emulator.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
