import type { TDb, TTransaction } from '../shared/db/client';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TAtRiskAnnouncement, TOutboxItem } from '../shared/outbox/outbox-messages';
import { isoWeeksEndingAt, localDayOf } from '../shared/time/zoned';
import {
  AT_RISK_WINDOW_DAYS,
  atRiskReasons,
  byRisk,
  NPS_FALL_MAX_GAP_WEEKS,
  renewalReason,
  type TAtRiskFacts,
  type TAtRiskReason,
} from './at-risk-rules';
import {
  claimAtRiskAnnouncement,
  customersAnnounceableSince,
  customersThatCanBeAtRisk,
  detractorCountsSince,
  npsCountsByWeek,
  openEscalationsBySeverity,
  openThemeLinks,
  type TCustomer,
} from './customers-repository';
import { ownerToTell } from './owner-notices';

export interface TAtRiskCustomer {
  customer: Pick<TCustomer, 'id' | 'name' | 'arr' | 'status' | 'atRiskAnnouncedAt'> &
    Partial<Pick<TCustomer, 'owner' | 'renewalAt'>>;
  reasons: TAtRiskReason[];
}

/** Where announcements go and which calendar the weekly NPS follows. */
export interface TAtRiskSettings {
  advocateChannelId: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;
const windowStart = (now: Date) => new Date(now.getTime() - AT_RISK_WINDOW_DAYS * DAY_MS);

/** Enough ISO weeks to cover the 30-day window plus the weeks a fall may be measured against. */
const NPS_WEEKS = Math.ceil(AT_RISK_WINDOW_DAYS / 7) + 1 + NPS_FALL_MAX_GAP_WEEKS;

/**
 * Applies the at-risk rules to every customer (or only `customerIds`) as of `now`, and returns those at risk, most
 * reasons first, then by ARR. Churned and merged-away customers are never at risk: the first has already left,
 * the second lives on in the record it was merged into.
 */
export async function evaluateAtRisk(
  db: TDb,
  now: Date,
  timeZone: string,
  customerIds?: number[],
): Promise<TAtRiskCustomer[]> {
  const since = windowStart(now);
  const weeks = isoWeeksEndingAt(now, timeZone, NPS_WEEKS);
  const firstRecentWeek = Math.max(
    0,
    weeks.findIndex((week) => week.end > since),
  );
  // One after the other: inside a transaction the queries share one connection anyway.
  const severe = await openEscalationsBySeverity(db, ['high', 'critical'], customerIds);
  const detractors = await detractorCountsSince(db, since, customerIds);
  const npsCounts = await npsCountsByWeek(db, weeks, customerIds);
  const themes = await openThemeLinks(db, customerIds);

  const facts = new Map<number, TAtRiskFacts>();
  const factsOf = (customerId: number) => {
    let found = facts.get(customerId);
    if (!found) {
      found = { severeEscalations: [], detractors: null, npsWeeks: [], firstRecentWeek, openThemeIds: [] };
      facts.set(customerId, found);
    }
    return found;
  };
  for (const row of severe) factsOf(row.customerId!).severeEscalations.push({ id: row.id, severity: row.severity });
  for (const row of detractors) factsOf(row.customerId).detractors = { count: row.count, latestAt: row.latestAt };
  for (const row of npsCounts) {
    factsOf(row.customerId).npsWeeks.push({ ...row, index: row.weekIndex, label: weeks[row.weekIndex]!.label });
  }
  for (const row of themes) factsOf(row.customerId).openThemeIds.push(row.themeId);

  const reasonsById = new Map<number, TAtRiskReason[]>();
  for (const [customerId, customerFacts] of facts) {
    const reasons = atRiskReasons(customerFacts);
    if (reasons.length > 0) reasonsById.set(customerId, reasons);
  }
  const customers = await customersThatCanBeAtRisk(db, [...reasonsById.keys()]);
  for (const customer of customers) {
    const renewal = renewalReason(facts.get(customer.id)!, customer.renewalAt, now);
    if (renewal) reasonsById.get(customer.id)!.push(renewal);
  }
  return customers
    .map((customer) => ({
      customer: {
        id: customer.id,
        name: customer.name,
        arr: customer.arr,
        status: customer.status,
        atRiskAnnouncedAt: customer.atRiskAnnouncedAt,
        owner: customer.owner,
        renewalAt: customer.renewalAt,
      },
      reasons: reasonsById.get(customer.id)!,
      arr: customer.arr,
      name: customer.name,
    }))
    .sort(byRisk)
    .map(({ customer, reasons }) => ({ customer, reasons }));
}

/**
 * Claims the announcement of each customer now at risk that was not announced in the last 30 days, and returns the
 * messages to queue. The claim is a conditional update, so two replicas (or a hook and the sweep) evaluating the
 * same customer at once announce it once; the dedupe key makes a retried transaction queue it once.
 */
export async function claimAnnouncements(
  tx: TTransaction,
  atRisk: readonly TAtRiskCustomer[],
  now: Date,
  settings: TAtRiskSettings,
  causes: ReadonlyMap<number, number | undefined> = new Map(),
): Promise<TOutboxItem[]> {
  const items: TOutboxItem[] = [];
  const day = localDayOf(now, settings.timeZone).label;
  for (const { customer, reasons } of atRisk) {
    if (!(await claimAtRiskAnnouncement(tx, customer.id, now, windowStart(now)))) continue;
    const dedupeKey = outboxKey.customerAtRisk(customer.id, day);
    const cause = causes.get(customer.id);
    const owner = ownerToTell(customer.owner, '');
    if (owner) {
      items.push({
        dedupeKey: outboxKey.customerAtRiskOwner(customer.id, day),
        message: {
          kind: 'owner.at-risk',
          userId: owner,
          announcement: { customerId: customer.id, name: customer.name, arr: customer.arr, reasons },
        },
      });
    }
    if (cause !== undefined && onlyBecauseOf(reasons, cause)) {
      // The channel has just seen this escalation's card: say it there rather than post the same news again.
      items.push({
        dedupeKey,
        message: {
          kind: 'escalation.note',
          escalationId: cause,
          note: { type: 'customer_at_risk', customerName: customer.name },
        },
      });
      continue;
    }
    const announcement: TAtRiskAnnouncement = {
      customerId: customer.id,
      name: customer.name,
      arr: customer.arr,
      reasons,
    };
    items.push({
      dedupeKey,
      message: { kind: 'customer.at-risk', channelId: settings.advocateChannelId, announcement },
    });
  }
  return items;
}

/** True when the only reason a customer is at risk is the one escalation that was just flagged or changed. */
function onlyBecauseOf(reasons: readonly TAtRiskReason[], escalationId: number) {
  const [only, ...others] = reasons;
  return (
    others.length === 0 &&
    only?.kind === 'severe-escalation' &&
    only.escalations.length === 1 &&
    only.escalations[0]!.id === escalationId
  );
}

/**
 * Evaluates these customers inside the caller's transaction and returns the announcements to queue with it: at most
 * `limit`, the riskiest first; `causes` names the escalation that just made a customer at risk (see
 * claimAnnouncements).
 */
export async function announceIfNewlyAtRisk(
  tx: TTransaction,
  customerIds: number[],
  now: Date,
  settings: TAtRiskSettings,
  options: { causes?: ReadonlyMap<number, number | undefined>; limit?: number } = {},
): Promise<TOutboxItem[]> {
  // A customer announced within the window cannot be announced again: skip evaluating its rules.
  const candidates = customerIds.length ? await customersAnnounceableSince(tx, customerIds, windowStart(now)) : [];
  if (candidates.length === 0) return [];
  const atRisk = await evaluateAtRisk(tx, now, settings.timeZone, candidates);
  return claimAnnouncements(tx, atRisk.slice(0, options.limit), now, settings, options.causes);
}

const CROWD_NAMES = 15;

/**
 * Claims the announcement of many customers at once and returns one message naming them, instead of one message
 * each: what a first import of survey history would otherwise pour into the advocate channel.
 */
export async function claimCrowdAnnouncement(
  tx: TTransaction,
  atRisk: readonly TAtRiskCustomer[],
  now: Date,
  settings: TAtRiskSettings,
): Promise<TOutboxItem[]> {
  const claimed: string[] = [];
  for (const { customer } of atRisk) {
    if (await claimAtRiskAnnouncement(tx, customer.id, now, windowStart(now))) claimed.push(customer.name);
  }
  if (claimed.length === 0) return [];
  return [
    {
      dedupeKey: outboxKey.atRiskCrowd(now),
      message: {
        kind: 'customers.at-risk.crowd',
        channelId: settings.advocateChannelId,
        names: claimed.slice(0, CROWD_NAMES),
        total: claimed.length,
      },
    },
  ];
}
