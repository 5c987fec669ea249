import { purgeSeenEvents } from '../db/repositories/seen-events';
import type { TSlackServices } from '../slack/services';
import { startAtRiskWatch } from './at-risk';

export interface TLoopOptions {
  outboxIntervalMs: number;
  purgeIntervalMs: number;
}

/** The retry loop for unsent Slack messages and the clean-up of old event ids; returns a stop function. */
export function startBackgroundLoops(services: TSlackServices, options: TLoopOptions): () => void {
  const outbox = setInterval(() => {
    services.dispatcher.drainDue().catch((error) => services.logger.error('outbox drain failed:', error));
  }, options.outboxIntervalMs);
  const purge = setInterval(() => {
    purgeSeenEvents(services.deps.db.prisma, services.deps.clock.now()).catch((error) =>
      services.logger.error('purging seen events failed:', error),
    );
  }, options.purgeIntervalMs);
  outbox.unref();
  purge.unref();
  const stopAtRiskWatch = startAtRiskWatch(services);
  return () => {
    clearInterval(outbox);
    clearInterval(purge);
    stopAtRiskWatch();
  };
}
