import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDatabaseWatchdog } from '../../src/app/database-watchdog';
import type { TDatabase } from '../../src/core/shared/db/client';
import { DiskFull } from '../../src/core/shared/db/database-errors';
import { createLogger } from '../../src/logger';

/** The watchdog's judgement on SQLite: restart for a wedged database, never for a full disk (a restart cannot cure it). */
describe('the database watchdog on SQLite', () => {
  afterEach(() => vi.useRealTimers());

  const watch = (failure: Error) => {
    vi.useFakeTimers();
    const db = { provider: 'sqlite', ping: () => Promise.reject(failure) } as unknown as TDatabase;
    const stuck: string[] = [];
    const stop = startDatabaseWatchdog({
      db,
      logger: createLogger('error'),
      intervalMs: 1_000,
      failuresToGiveUp: 3,
      onStuck: (reason) => stuck.push(reason),
    });
    return { stuck, stop };
  };

  it('gives up on a database whose writes keep failing, for the supervisor to restart the process', async () => {
    const { stuck, stop } = watch(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    await vi.advanceTimersByTimeAsync(5_000);
    stop();
    expect(stuck).toHaveLength(1);
  });

  it('keeps the process on a full disk, which a fresh process would find as full', async () => {
    const { stuck, stop } = watch(new DiskFull('disk full: no room for new data beside /data/advocate.db'));
    await vi.advanceTimersByTimeAsync(10_000);
    stop();
    expect(stuck).toEqual([]);
  });
});
