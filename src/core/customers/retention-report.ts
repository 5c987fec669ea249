import type { TDomainDeps } from '../shared/deps';
import { monthOf, quarterOf, type TPeriod } from '../shared/time/zoned';
import { lifecycleEventsBefore } from './customer-events-repository';
import { customersByIds, detractorTimesOf, escalationTimesOf } from './customers-repository';
import {
  retentionFor,
  type TRetention,
  type TRetentionEvent,
  type TWarningSigns,
  WARNING_WINDOW_DAYS,
  warningSigns,
} from './retention';

export interface TPeriodRetention {
  retention: TRetention;
  /** Names of the customers the period lost, then of those that joined and left inside it. */
  lostNames: string[];
  joinedAndLeftNames: string[];
  warning: TWarningSigns;
}

export interface TRetentionReport {
  month: TPeriodRetention;
  quarter: TPeriodRetention;
}

/** The last complete month and quarter before `now`, in the digest time zone. */
export function lastFullPeriods(now: Date, timeZone: string): { month: TPeriod; quarter: TPeriod } {
  const month = monthOf(new Date(monthOf(now, timeZone).start.getTime() - 1), timeZone);
  const quarter = quarterOf(new Date(quarterOf(now, timeZone).start.getTime() - 1), timeZone);
  return { month, quarter };
}

async function periodRetention(
  deps: Pick<TDomainDeps, 'db'>,
  events: TRetentionEvent[],
  period: TPeriod,
): Promise<TPeriodRetention> {
  const db = deps.db.prisma;
  const retention = retentionFor(events, period);
  const churnedIds = [...retention.churnedAt.keys()];
  const names = new Map((await customersByIds(db, churnedIds)).map((customer) => [customer.id, customer.name]));
  const byName = (ids: number[]) => ids.map((id) => names.get(id) ?? `#${id}`).sort((a, b) => a.localeCompare(b));
  const times = [...retention.churnedAt.values()].map((at) => at.getTime());
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const escalations = churnedIds.length ? await escalationTimesOf(db, churnedIds, new Date(last + 1)) : [];
  const detractors = churnedIds.length
    ? await detractorTimesOf(db, churnedIds, new Date(first - WARNING_WINDOW_DAYS * 86_400_000), new Date(last))
    : [];
  return {
    retention,
    lostNames: byName(retention.lost),
    joinedAndLeftNames: byName(retention.joinedAndLeft),
    warning: warningSigns(retention.churnedAt, escalations, detractors),
  };
}

/** Customer and revenue retention for the last full month and quarter, with who left and the warning signs. */
export async function retentionReport(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  timeZone: string,
): Promise<TRetentionReport> {
  const { month, quarter } = lastFullPeriods(deps.clock.now(), timeZone);
  const end = new Date(Math.max(month.end.getTime(), quarter.end.getTime()));
  const events = await lifecycleEventsBefore(deps.db.prisma, end);
  return { month: await periodRetention(deps, events, month), quarter: await periodRetention(deps, events, quarter) };
}
