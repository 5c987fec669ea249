import { closeSync, openSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';

/** Start-up refused for a reason the operator must fix; main prints the message as one line and exits 1. */
export class StartupRefusal extends Error {}

interface THeld {
  lock: Sqlite.Database;
  holders: number;
}

/** Locks this process holds, with how many instances share each (tests run two instances in one process). */
const heldHere = new Map<string, THeld>();

function releaser(lockFile: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const held = heldHere.get(lockFile);
    if (!held) return;
    held.holders -= 1;
    if (held.holders > 0) return;
    heldHere.delete(lockFile);
    // Closing gives the lock back; the file stays (deleting it would race a starting instance that opened it).
    held.lock.close();
  };
}

/**
 * The lock database of one SQLite file, named by the file's inode so that every name of the file (a hard link, a
 * symbolic link, a relative path) leads to the same lock. It lives beside the file: a hard link in another directory
 * is the one name it cannot see. The file is created empty if it does not exist yet (SQLite reads an empty file as an
 * empty database), because only an existing file has an inode.
 */
export function lockFileOf(databaseFile: string): string {
  closeSync(openSync(databaseFile, 'a'));
  const real = realpathSync(databaseFile);
  return path.join(path.dirname(real), `.advocate-${statSync(real).ino}.lock`);
}

/** What an operator can do about a file that could not be opened or created. */
function fileProblem(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /^SQLITE_(CANTOPEN|READONLY)/.test(code))
    return `permission denied (${code}): let the user running Advocate write to that folder`;
  return (error as Error).message ?? String(error);
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code ?? ''));

/** Who holds the lock, from the kernel's own table of locks (Linux); null where that is not available. */
function holderOf(lockFile: string): number | null {
  try {
    const inode = statSync(lockFile).ino;
    for (const line of readFileSync('/proc/locks', 'utf8').split('\n')) {
      const fields = line.trim().split(/\s+/);
      // `1: POSIX  ADVISORY  WRITE 4242 08:01:1234 1073741824 1073742335`
      if (fields[1] === 'POSIX' && fields[5]?.split(':')[2] === String(inode)) return Number(fields[4]);
    }
  } catch {
    // no /proc: the message goes without the pid
  }
  return null;
}

/**
 * Before 1.x the lock was `<file>.lock` holding "pid host": a file a crash left behind and only a person could clear.
 * It means nothing now; remove it once the kernel's lock is ours so nobody is misled by it.
 */
function removeLegacyLockFile(databaseFile: string) {
  const legacy = `${databaseFile}.lock`;
  try {
    if (/^\d+ \S+\s*$/.test(readFileSync(legacy, 'utf8'))) rmSync(legacy, { force: true });
  } catch {
    // none
  }
}

/**
 * SQLite is one file owned by one process: a second Advocate on the same file would send every scheduled digest and
 * outbox message twice. The owner holds an exclusive SQLite lock (an fcntl lock, which the kernel gives back the moment
 * its process ends, however it ends: SIGKILL, OOM, power) on a small lock database beside the file, for as long as it
 * runs. No pid or host name is compared, so a restart right after a kill, in a container with a new host name or with
 * a reused pid, finds the lock free. The CLIs (import, digest, migrate) do not take it: they run beside the server by
 * design. Resolves with the release function and whether this call took the lock (false: another instance in this
 * process already holds it, and shares it).
 */
export function lockSqliteFile(databaseFile: string): { release: () => void; took: boolean } {
  let lockFile: string;
  try {
    lockFile = lockFileOf(databaseFile);
  } catch (error) {
    throw new StartupRefusal(`cannot open ${databaseFile}: ${fileProblem(error)}`);
  }
  const shared = heldHere.get(lockFile);
  if (shared) {
    // Another instance in this very process: one process, so one writer to the file.
    shared.holders += 1;
    return { release: releaser(lockFile), took: false };
  }
  let lock: Sqlite.Database;
  try {
    lock = new Sqlite(lockFile, { timeout: 0 });
  } catch (error) {
    throw new StartupRefusal(`cannot create the lock ${lockFile}: ${fileProblem(error)}`);
  }
  try {
    // EXCLUSIVE locking mode keeps the lock a write takes until the connection closes, i.e. until the process ends.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, since TEXT)');
    lock.transaction(() => {
      lock.exec('DELETE FROM holder');
      lock.prepare('INSERT INTO holder VALUES (?, ?, ?)').run(process.pid, hostname(), new Date().toISOString());
    })();
  } catch (error) {
    lock.close();
    if (!isBusy(error)) throw new StartupRefusal(`cannot take the lock ${lockFile}: ${fileProblem(error)}`);
    const pid = holderOf(lockFile);
    throw new StartupRefusal(
      `${databaseFile} is in use by another Advocate (${pid ? `pid ${pid}, ` : ''}holding ${lockFile}); ` +
        'SQLite serves one process: stop the other one first',
    );
  }
  heldHere.set(lockFile, { lock, holders: 1 });
  removeLegacyLockFile(databaseFile);
  return { release: releaser(lockFile), took: true };
}
