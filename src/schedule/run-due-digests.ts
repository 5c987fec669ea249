import { latestOccurrenceToday } from '../slack/digests/cron-times';
import type { TDigestServices } from '../slack/digests/digest-kinds';
import { sendDigest, type TDigestRun } from '../slack/digests/send-digest';

/** Within this long after its minute a run counts as on schedule; later, it is a catch-up. */
const ON_TIME_MS = 60_000;

/**
 * A dry run records no delivery, so without this the minute tick would log the same digest every minute all day:
 * each (kind, period) is logged once per app instead.
 */
const dryRunsLogged = new WeakMap<TDigestServices, Set<string>>();
function firstDryRun(services: TDigestServices, key: string): boolean {
  const logged = dryRunsLogged.get(services) ?? new Set<string>();
  dryRunsLogged.set(services, logged);
  if (logged.has(key)) return false;
  logged.add(key);
  return true;
}

/**
 * Sends every digest whose latest scheduled minute today (in DIGEST_TZ) has passed and that some recipient has not
 * received yet. Pure in time: the scheduler calls it on each cron minute and tick, start-up calls it once to catch
 * up a run missed while the app was down (same local day only), and tests call it with a ManualClock's time.
 * Idempotent: deliveries are recorded per (kind, channel, period), so calling it again sends nothing twice.
 */
export async function runDueDigests(
  services: TDigestServices,
  now: Date,
  options: { kinds?: string[] } = {},
): Promise<TDigestRun[]> {
  const timeZone = services.config.digest.timeZone;
  const runs: TDigestRun[] = [];
  for (const kind of services.digestCatalog.digests) {
    if (options.kinds && !options.kinds.includes(kind.kind)) continue;
    try {
      const scheduledAt = latestOccurrenceToday(kind.cron(services.config), now, timeZone);
      if (!scheduledAt) continue;
      const trigger = now.getTime() - scheduledAt.getTime() < ON_TIME_MS ? 'schedule' : 'catch-up';
      if (services.config.dryRun && !firstDryRun(services, `${kind.kind} ${kind.period(scheduledAt, timeZone)}`))
        continue;
      const run = await sendDigest(services, { kind: kind.kind, trigger, scheduledAt, now });
      if (run) runs.push(run);
    } catch (error) {
      services.logger.error(`digest ${kind.kind}: scheduled run failed:`, error);
    }
  }
  return runs;
}
