import type { TDatabase } from '../core/shared/db/client';
import { isDiskFull, oneLineError } from '../core/shared/db/database-errors';
import type { Logger } from '../logger';

export interface TWatchdogOptions {
  db: TDatabase;
  logger: Logger;
  intervalMs: number;
  /** Consecutive failed probes after which the database counts as stuck; 0: never. */
  failuresToGiveUp: number;
  onStuck: (reason: string) => void;
}

/**
 * Probes the database with the health check's write every `intervalMs`. SQLite lives inside this process: when its
 * writes keep failing, a fresh process (the supervisor's restart) is the remedy, so after N failures in a row
 * `onStuck` is called (main exits 1). PostgreSQL is another server: the pool reconnects by itself once it is back, so
 * restarting would only add a crash loop to an outage; it is probed and logged, never given up on. A full disk is not
 * given up on either: a fresh process would find the disk as full, so it is logged as an error naming the cause, and
 * the process serves reads and says "try again" until an operator frees space (then writes work at once).
 */
export function startDatabaseWatchdog(options: TWatchdogOptions): () => void {
  const { db, logger } = options;
  let failures = 0;
  let running = false;
  const giveUpAfter = db.provider === 'sqlite' ? options.failuresToGiveUp : 0;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await db.ping();
      if (failures > 0) logger.info(`database is writable again after ${failures} failed health probe(s)`);
      failures = 0;
    } catch (error) {
      failures++;
      if (isDiskFull(error)) {
        logger.error(`database health probe failed (${failures} in a row): ${oneLineError(error)}; free some space`);
        return;
      }
      logger.warn(`database health probe failed (${failures} in a row): ${oneLineError(error)}`);
      if (giveUpAfter > 0 && failures >= giveUpAfter) {
        clearInterval(timer);
        options.onStuck(`the database failed ${failures} health probes in a row: ${oneLineError(error)}`);
      }
    } finally {
      running = false;
    }
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
