import type { TAtRiskPort, TAtRiskSubject, TDomainDeps } from '../shared/deps';
import { runUnitOfWork } from '../shared/unit-of-work';
import { announceIfNewlyAtRisk, type TAtRiskSettings } from './at-risk';
import { AT_RISK_WINDOW_DAYS } from './at-risk-rules';
import type { TCustomer } from './customers-repository';

/**
 * At most this many announcements come from one event. A survey tool's batch of 1,000 responses may hold hundreds
 * of detractors; the rest are left for the sweep, which sums up a crowd in one message.
 */
export const ANNOUNCEMENTS_PER_EVENT = 3;
const DAY_MS = 86_400_000;

const announcedWithinWindow = (customer: Pick<TCustomer, 'atRiskAnnouncedAt'>, now: Date) =>
  customer.atRiskAnnouncedAt !== null &&
  customer.atRiskAnnouncedAt.getTime() >= now.getTime() - AT_RISK_WINDOW_DAYS * DAY_MS;

/**
 * Evaluates customers right after something that can put them at risk was committed (a flag, a change to an
 * unresolved escalation, an NPS response or a detractor), outside that change's transaction so that the change
 * itself stays short. A customer announced within the window is skipped without a query: that is nearly every flag.
 * What this misses (a crash in between, theme links, rules crossing the 30-day line) the periodic sweep catches.
 */
export class AtRiskWatch implements TAtRiskPort {
  constructor(
    private readonly deps: Pick<TDomainDeps, 'db' | 'clock' | 'outbox'>,
    private readonly settings: TAtRiskSettings,
  ) {}

  async evaluate(subjects: readonly TAtRiskSubject[], now: Date): Promise<void> {
    const causes = new Map<number, number | undefined>();
    for (const { customer, causedByEscalationId } of subjects) {
      if (customer && !announcedWithinWindow(customer, now) && !causes.has(customer.id))
        causes.set(customer.id, causedByEscalationId);
    }
    if (causes.size === 0) return;
    await runUnitOfWork(this.deps, {}, async ({ tx, queue }) => {
      queue(
        await announceIfNewlyAtRisk(tx, [...causes.keys()], now, this.settings, {
          causes,
          limit: ANNOUNCEMENTS_PER_EVENT,
        }),
      );
    });
  }
}
