import cron, { type ScheduledTask } from 'node-cron';
import type { TDigestServices } from '../slack/digests/digest-kinds';
import { tickOutcomeChecks } from './outcome-check-tick';
import { runDueDigests } from './run-due-digests';
import { tickSla } from './sla-tick';

export interface TScheduler {
  /** Stops the timers; a run in progress is one of the app's tasks, which shutdown waits for. */
  stop(): Promise<void>;
}

/**
 * Wall-clock side of the schedules; all the logic is in runDueDigests and tickSla, which take `now`.
 * - each digest's cron, in DIGEST_TZ, sends it on its minute;
 * - a minute tick sends the SLA warnings and breaches that came due and the fix outcome checks that fell due, and runs runDueDigests again as a safety net: it sends nothing already
 *   delivered, but retries a channel that failed for a passing reason and catches a cron minute the process missed;
 * - at start, one catch-up for a digest missed today while the app was down.
 */
export function startScheduler(services: TDigestServices): TScheduler {
  const { config, logger, deps } = services;
  const timezone = config.digest.timeZone;
  let stopped = false;
  // Runs are handed to services.background, so the app's idle() and shutdown wait for them.
  const track = (label: string, work: () => Promise<unknown>) => {
    if (stopped) return Promise.resolve();
    const promise = work()
      .then(() => {})
      .catch((error) => logger.error(`${label} failed:`, error));
    services.background(() => promise);
    return promise;
  };

  const tasks: ScheduledTask[] = services.digestCatalog.digests.map((kind) =>
    cron.schedule(
      kind.cron(config),
      () => track(`digest ${kind.kind}`, () => runDueDigests(services, deps.clock.now(), { kinds: [kind.kind] })),
      { timezone, name: `advocate digest ${kind.kind}`, noOverlap: true, logger },
    ),
  );
  tasks.push(
    cron.schedule(
      '* * * * *',
      () =>
        Promise.all([
          track('SLA warnings and breaches', () => tickSla(services, deps.clock.now())),
          track('fix outcome checks', () => tickOutcomeChecks(services, deps.clock.now())),
          track('digest safety net', () => runDueDigests(services, deps.clock.now())),
        ]),
      { timezone, name: 'advocate minute tick', noOverlap: true, logger },
    ),
  );
  track('start-up digest catch-up', () => runDueDigests(services, deps.clock.now()));
  logger.info(
    `schedules (${timezone}): ${services.digestCatalog.digests
      .map((kind) => `${kind.kind} "${kind.cron(config)}"`)
      .join(
        ', ',
      )}; SLA warnings and breaches and fix outcome checks (${config.outcomeCheckDays.join(', ')} days) every minute`,
  );

  return {
    async stop() {
      stopped = true;
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
