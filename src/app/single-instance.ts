import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** Start-up refused for a reason the operator must fix; main prints the message as one line and exits 1. */
export class StartupRefusal extends Error {}

/** Locks this process holds, with how many instances share each (tests run two instances in one process). */
const heldHere = new Map<string, number>();

function releaser(lockFile: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const holders = (heldHere.get(lockFile) ?? 1) - 1;
    if (holders > 0) heldHere.set(lockFile, holders);
    else {
      heldHere.delete(lockFile);
      rmSync(lockFile, { force: true });
    }
  };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
};

/**
 * SQLite is one file owned by one process: a second Advocate on the same file would send every scheduled digest and
 * outbox message twice. `<file>.lock` is created exclusively and holds the owner's pid and host; a lock left by a
 * process that is gone (a crash, a SIGKILL) is taken over. The CLIs (import, digest, migrate) do not take it: they
 * run beside the server by design. Returns the release function.
 */
export function lockSqliteFile(databaseFile: string): () => void {
  const lockFile = `${databaseFile}.lock`;
  const shared = heldHere.get(lockFile);
  if (shared !== undefined) {
    // Another instance in this very process: one process, so one writer to the file.
    heldHere.set(lockFile, shared + 1);
    return releaser(lockFile);
  }
  const me = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      heldHere.set(lockFile, 1);
      return releaser(lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, host] = readFileSync(lockFile, 'utf8').trim().split(' ');
      const pid = Number(pidText);
      // Our own pid without our own lock: a container restarted with the same pid after a crash.
      const ours = pid === process.pid && !heldHere.has(lockFile);
      const stale = host === hostname() && Number.isInteger(pid) && pid > 0 && (ours || !isAlive(pid));
      if (!stale) {
        throw new StartupRefusal(
          `${databaseFile} is in use by another Advocate (pid ${pidText} on ${host}; lock ${lockFile}); ` +
            'SQLite serves one process: stop the other one, or delete the lock file if it is not running',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new StartupRefusal(`could not take the lock ${lockFile}`);
}
