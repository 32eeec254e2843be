/**
 * The HSM cluster emulator as its own service (REST API: docs/openapi/hsm-emulator.yaml).
 *
 *   npm run hsm-emulator -- --port 4100 --data .data/hsm-emulator [--token T] [--seed-demo] [--test-mode] [--host 127.0.0.1] [--verbose]
 *
 * --data      folder of its own embedded database (or a postgres:// URL); default .data/hsm-emulator
 * --token     bearer token callers must present (also HSM_EMULATOR_TOKEN); default: <data>/token, made once
 * --seed-demo seed the demo tenants, partitions, keys and policy history into an empty cluster
 * --test-mode serve POST/GET/DELETE /__faults (fault injection); loopback only (also HSM_EMULATOR_TEST_MODE=true)
 *
 * Point a console at it with HSM_BACKEND=http HSM_URL=http://127.0.0.1:4100 HSM_TOKEN=<token>.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runStandalone } from '../lib/hsm/server/standalone';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.data/hsm-emulator' },
    token: { type: 'string' },
    'seed-demo': { type: 'boolean', default: false },
    'test-mode': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

async function main() {
  const port = z.coerce.number().int().min(0).max(65_535).parse(values.port);
  const token = values.token ?? process.env.HSM_EMULATOR_TOKEN;
  const { server, stop } = await runStandalone({
    port,
    host: values.host,
    data: values.data,
    token: token || undefined,
    testMode: values['test-mode'] || process.env.HSM_EMULATOR_TEST_MODE === 'true',
    seedDemo: values['seed-demo'],
    verbose: values.verbose,
  });
  console.log(`[hsm-emulator] listening on ${server.url}${server.faults ? ' (test mode: /__faults enabled)' : ''}`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(`[hsm-emulator] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
