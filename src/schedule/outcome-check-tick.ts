import { randomUUID } from 'node:crypto';
import { withJobLease } from '../core/shared/job-leases-repository';
import { runDueOutcomeChecks, type TOutcomeCheckDone } from '../core/themes/outcome-checks';
import type { TSlackServices } from '../slack/kit/slack-services';

const LEASE_TTL_MS = 5 * 60_000;

/**
 * One pass of the fix outcome checks (OUTCOME_CHECK_DAYS after each resolution), under a lease so that replicas do
 * not race; the stored check and the outbox keys would stop a duplicate anyway. Null when another replica is
 * checking. With DRY_RUN the due checks are logged, not recorded or posted.
 */
export async function tickOutcomeChecks(services: TSlackServices, now: Date): Promise<TOutcomeCheckDone[] | null> {
  const dryRun = services.config.dryRun;
  return withJobLease(
    services.deps.db.prisma,
    { name: 'outcome-checks', holder: randomUUID(), now, ttlMs: LEASE_TTL_MS },
    async () => {
      const done = await runDueOutcomeChecks(services.deps, {
        now,
        checkDays: services.config.outcomeCheckDays,
        dryRun,
        onError: (error, followUp) =>
          services.logger.error(`outcome check of THM-${followUp.themeId} failed (will retry):`, error),
      });
      if (dryRun)
        for (const check of done)
          services.logger.info(`dry run: THM-${check.themeId} ${check.days} days on: ${check.outcome.verdict}`);
      return done;
    },
  );
}
