import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/driver';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'store-lock-'));
const location = path.join(dataDir, 'pglite');
const lockFile = `${location}.lock`;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: 'false' };
delete env.DATABASE_URL;
/** `npm run users -- list`, another process on the same embedded store. */
const listUsers = () => {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/users.ts', 'list'], { env, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

describe('the embedded store has one owner at a time', () => {
  it('while a console holds the store, another process is refused with who holds it; once closed, it may open it', async () => {
    const db = await openDatabase(location);
    await db.exec('CREATE TABLE IF NOT EXISTS marker (n int)');
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    const refused = listUsers();
    expect(refused.status).toBe(1);
    expect(refused.out).toContain(`is in use by process ${process.pid}`);
    await db.close();
    expect(existsSync(lockFile)).toBe(false);
    expect(listUsers().status).toBe(0);
  }, 60_000);

  it('a lock left by a process that died is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockFile, gone.stdout);
    const db = await openDatabase(location);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await db.close();
  }, 60_000);
});
