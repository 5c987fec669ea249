import type { Logger } from '../logger';

/**
 * The one record of work still running in this process: listeners Bolt acknowledged early, background replies,
 * scheduled runs and outbox sends. Shutdown and tests wait on it (idle) before the database is closed.
 */
export class TaskTracker {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  /** Follows work someone else awaits; hands back the same outcome. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }

  /** Starts work nobody awaits (after Slack was answered); a failure is logged, as `what failed`. */
  run(task: () => Promise<unknown>, what = 'background task'): Promise<void> {
    return this.track(
      task().then(
        () => {},
        (error) => this.logger.error(`${what} failed:`, error),
      ),
    );
  }

  /** Resolves once everything tracked so far, and whatever it started meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
