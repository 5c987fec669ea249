import { randomUUID } from 'node:crypto';
import {
  claimAnnouncements,
  claimCrowdAnnouncement,
  evaluateAtRisk,
  type TAtRiskSettings,
} from '../core/customers/at-risk';
import { AT_RISK_WINDOW_DAYS } from '../core/customers/at-risk-rules';
import type { TDomainDeps } from '../core/shared/deps';
import { withJobLease } from '../core/shared/job-leases-repository';
import { runUnitOfWork } from '../core/shared/unit-of-work';
import type { TSlackServices } from '../slack/kit/slack-services';

export const AT_RISK_SWEEP_LEASE = 'customers.at-risk-sweep';
export const AT_RISK_SWEEP_INTERVAL_MS = 15 * 60_000;
/** A sweep over a large customer base takes seconds; a crashed holder frees the lease after this. */
const LEASE_TTL_MS = 10 * 60_000;
const holder = `at-risk:${randomUUID()}`;

export interface TSweepResult {
  atRisk: number;
  /** Announced one by one. */
  announced: number;
  /** Announced together in one message, beyond the first SWEEP_ANNOUNCEMENTS. */
  summarized: number;
}

/** A sweep announces at most this many customers one by one; the rest share one message. */
export const SWEEP_ANNOUNCEMENTS = 10;

/**
 * Evaluates every customer and announces those newly at risk: what the event hooks cannot see (a second open theme,
 * rules crossing the 30-day line) is caught here. Runs under a job lease so that of several replicas one sweeps;
 * each announcement is still claimed with a conditional update, so a hook announcing at the same moment is not
 * repeated. Returns null when another replica holds the lease.
 */
export async function sweepAtRisk(deps: TDomainDeps, settings: TAtRiskSettings): Promise<TSweepResult | null> {
  const now = deps.clock.now();
  return withJobLease(deps.db.prisma, { name: AT_RISK_SWEEP_LEASE, holder, now, ttlMs: LEASE_TTL_MS }, async () => {
    const atRisk = await evaluateAtRisk(deps.db.prisma, now, settings.timeZone);
    const announcedSince = now.getTime() - AT_RISK_WINDOW_DAYS * 86_400_000;
    const fresh = atRisk.filter(
      (entry) => !entry.customer.atRiskAnnouncedAt || entry.customer.atRiskAnnouncedAt.getTime() < announcedSince,
    );
    let announced = 0;
    // The riskiest each get their own announcement (in its own transaction); a crowd beyond them gets one message.
    for (const entry of fresh.slice(0, SWEEP_ANNOUNCEMENTS)) {
      const claimed = await runUnitOfWork(deps, {}, async ({ tx, queue }) => {
        const items = await claimAnnouncements(tx, [entry], now, settings);
        queue(items);
        return items.length;
      });
      announced += claimed;
    }
    const crowd = fresh.slice(SWEEP_ANNOUNCEMENTS);
    if (crowd.length > 0) {
      await runUnitOfWork(deps, { duration: 'long' }, async ({ tx, queue }) =>
        queue(await claimCrowdAnnouncement(tx, crowd, now, settings)),
      );
    }
    return { atRisk: atRisk.length, announced, summarized: crowd.length };
  });
}

export const atRiskSettingsOf = (services: TSlackServices): TAtRiskSettings => ({
  advocateChannelId: services.config.slack.advocateChannelId,
  timeZone: services.config.digest.timeZone,
});

/**
 * Turns on the periodic at-risk sweep (the announcement is rendered by src/slack/customers/at-risk-views.ts; the evaluation right after each event is
 * `AtRiskWatch`, wired into the domain's deps at start-up). Returns a stop function.
 */
export function startAtRiskWatch(services: TSlackServices, intervalMs = AT_RISK_SWEEP_INTERVAL_MS): () => void {
  const settings = atRiskSettingsOf(services);
  const timer = setInterval(() => {
    services.background(async () => {
      await sweepAtRisk(services.deps, settings);
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
