import { randomUUID } from 'node:crypto';
import { sendDueSlaNotices, type TSlaNoticeDue } from '../core/escalations/sla-notices';
import { withJobLease } from '../core/shared/job-leases-repository';
import { slaNoticeLine } from '../slack/escalations/sla-notice-lines';
import type { TSlackServices } from '../slack/kit/slack-services';

const LEASE_TTL_MS = 5 * 60_000;

/**
 * One SLA tick: the warnings and breaches that came due, under a lease so that replicas do not race (the stored
 * markers would stop a duplicate anyway). Null when another replica is ticking. With DRY_RUN they are logged only.
 */
export async function tickSla(services: TSlackServices, now: Date): Promise<TSlaNoticeDue[] | null> {
  const { config } = services;
  return withJobLease(
    services.deps.db.prisma,
    { name: 'sla-notices', holder: randomUUID(), now, ttlMs: LEASE_TTL_MS },
    async () => {
      const due = await sendDueSlaNotices(services.deps, {
        now,
        policy: config.sla.policy,
        warnFraction: config.sla.warnFraction,
        breachChannelId: config.sla.breachChannelId,
        leadsUsergroupId: config.sla.leadsUsergroupId,
        dryRun: config.dryRun,
      });
      if (config.dryRun)
        for (const { escalationId, notice } of due)
          services.logger.info(`dry run: SLA ${notice.stage} ${slaNoticeLine(escalationId, notice).text}`);
      return due;
    },
  );
}
