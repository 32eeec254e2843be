import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * The embedded engine's data folder has one owner at a time: two processes writing it (a console and
 * `npm run users`, say) would corrupt it, and the engine itself does not notice. The owner holds a
 * lock file beside the folder with its process ID; another process is refused while that process
 * lives. A lock left by a process that died is taken over.
 */
export class StoreInUse extends Error {}

/** Lock files this process holds, with how many open stores use each. */
const held = new Map<string, number>();
let releaseOnExit = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function take(file: string, location: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      // Our own ID is a lock left by an earlier run that had it (a restarted container's PID 1).
      if (owner !== null && owner !== process.pid && alive(owner)) {
        throw new StoreInUse(
          `The embedded store ${location} is in use by process ${owner} (a running console?). Stop it first; if no process of this console has it open, delete ${file}.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreInUse(`Could not lock the embedded store ${location} (${file}).`);
}

function removeIfOurs(file: string): void {
  if (ownerOf(file) === process.pid) rmSync(file, { force: true });
}

/** Locks the data folder `location` for this process; returns the release (idempotent). */
export function lockStore(location: string): () => void {
  const file = `${location.replace(/\/+$/, '')}.lock`;
  const count = held.get(file) ?? 0;
  if (count === 0) take(file, location);
  held.set(file, count + 1);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.once('exit', () => {
      for (const lock of held.keys()) removeIfOurs(lock);
    });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) {
      held.set(file, left);
      return;
    }
    held.delete(file);
    removeIfOurs(file);
  };
}
