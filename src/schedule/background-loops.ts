import type { TDomainDeps } from '../core/shared/deps';
import { purgeSentOutbox } from '../core/shared/outbox/outbox-repository';
import { purgeSeenEvents } from '../core/shared/seen-events-repository';
import type { Logger } from '../logger';
import type { TSlackServices } from '../slack/kit/slack-services';
import { startAtRiskWatch } from './at-risk-sweep';
import { stormCloseTick } from './storm-close-tick';

export interface TLoopOptions {
  outboxIntervalMs: number;
  purgeIntervalMs: number;
}

/** Sent outbox messages are kept this long (to look at what was sent), then purged. */
export const SENT_OUTBOX_RETENTION_MS = 7 * 86_400_000;

/** One pass of the hourly clean-up: expired event ids, and outbox messages sent more than a week ago. */
export async function purgeOnce(deps: Pick<TDomainDeps, 'db' | 'clock'>, logger: Logger): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  await purgeSeenEvents(db.prisma, now).catch((error) => logger.error('purging seen events failed:', error));
  await purgeSentOutbox(db.prisma, new Date(now.getTime() - SENT_OUTBOX_RETENTION_MS)).catch((error) =>
    logger.error('purging sent outbox messages failed:', error),
  );
}

/**
 * The retry loop for unsent Slack messages and the hourly clean-up (old event ids, week-old sent messages); returns a
 * stop function.
 */
export function startBackgroundLoops(services: TSlackServices, options: TLoopOptions): () => void {
  const outbox = setInterval(() => {
    stormCloseTick(services)
      .catch((error) => services.logger.error('closing storms failed:', error))
      .then(() => services.dispatcher.drainDue())
      .catch((error) => services.logger.error('outbox drain failed:', error));
  }, options.outboxIntervalMs);
  const purge = setInterval(() => purgeOnce(services.deps, services.logger), options.purgeIntervalMs);
  outbox.unref();
  purge.unref();
  const stopAtRiskWatch = startAtRiskWatch(services);
  return () => {
    clearInterval(outbox);
    clearInterval(purge);
    stopAtRiskWatch();
  };
}
