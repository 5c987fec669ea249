import type { TDomainDeps } from '../shared/deps';
import { isoWeeksEndingAt, type TPeriod } from '../shared/time/zoned';
import type { TSurveyKind } from './score-classes';
import { npsScore, responsesIn, type TClassCounts } from './survey-maths';
import { customerNames, lowestCommentedResponses, npsClassCountsByCustomer } from './surveys-repository';
import { type TWeekFigures, weeklySurveyFigures } from './weekly-figures';

/** Below this many responses a week's score swings on a handful of people; the report says so. */
export const VOLATILE_BELOW = 30;
export const TREND_WEEKS = 8;
export const WORST_COMMENTS = 5;
/** "Several" responses: fewer make a per-customer NPS of ±100 from one or two people. */
export const PER_CUSTOMER_MIN_RESPONSES = 3;
export const PER_CUSTOMER_SHOWN = 10;

export interface TDetractorComment {
  kind: TSurveyKind;
  score: number;
  comment: string;
  customer: string;
  respondedAt: Date;
}

export interface TCustomerNps extends TClassCounts {
  customer: string;
  responses: number;
  score: number;
}

export interface TSurveyReport {
  week: TPeriod;
  /** The week is not over yet (`/advocate digest nps` by hand): its figures are "so far". */
  partial: boolean;
  /** The trend weeks, oldest first; the last is `week`. */
  trend: TWeekFigures[];
  current: TWeekFigures;
  previous: TWeekFigures;
  worstComments: TDetractorComment[];
  /** NPS per customer over the trend window, lowest first. */
  perCustomer: TCustomerNps[];
  perCustomerTotal: number;
  perCustomerWindow: { start: Date; end: Date };
}

export interface TSurveyReportOptions {
  week: TPeriod;
  now: Date;
  timeZone: string;
}

/** Lower is worse on either scale: NPS 0 and CSAT 1 are both the bottom. */
const badness = (kind: string, score: number) => (kind === 'nps' ? score / 10 : (score - 1) / 4);

/** Everything the weekly NPS/CSAT report shows, counted by the database week by week. */
export async function buildSurveyReport(
  deps: Pick<TDomainDeps, 'db'>,
  options: TSurveyReportOptions,
): Promise<TSurveyReport> {
  const weeks = isoWeeksEndingAt(options.week.start, options.timeZone, TREND_WEEKS);
  const window = { start: weeks[0]!.start, end: options.week.end };
  const db = deps.db.prisma;
  // Independent reads: on PostgreSQL they run side by side on the pool; SQLite runs them one after the other anyway.
  const [trend, lowestNps, lowestCsat, byCustomer] = await Promise.all([
    Promise.all(weeks.map((week) => weeklySurveyFigures(deps, week))),
    lowestCommentedResponses(db, 'nps', options.week, WORST_COMMENTS),
    lowestCommentedResponses(db, 'csat', options.week, WORST_COMMENTS),
    npsClassCountsByCustomer(db, window, PER_CUSTOMER_MIN_RESPONSES),
  ]);
  const current = trend[trend.length - 1]!;
  const previous = trend[trend.length - 2]!;

  const lowest = [...lowestNps, ...lowestCsat];
  const worstComments = lowest
    .sort(
      (a, b) =>
        badness(a.kind, a.score) - badness(b.kind, b.score) || b.respondedAt.getTime() - a.respondedAt.getTime(),
    )
    .slice(0, WORST_COMMENTS)
    .map((response) => ({
      kind: response.kind as TSurveyKind,
      score: response.score,
      comment: response.comment ?? '',
      customer: response.customer.name,
      respondedAt: response.respondedAt,
    }));

  const several = [...byCustomer];
  const ranked = several
    .map(([customerId, counts]) => ({ customerId, counts, score: npsScore(counts)! }))
    .sort((a, b) => a.score - b.score || responsesIn(b.counts) - responsesIn(a.counts))
    .slice(0, PER_CUSTOMER_SHOWN);
  const names = await customerNames(
    db,
    ranked.map((entry) => entry.customerId),
  );
  const perCustomer = ranked.map((entry) => ({
    customer: names.get(entry.customerId) ?? `customer #${entry.customerId}`,
    ...entry.counts,
    responses: responsesIn(entry.counts),
    score: entry.score,
  }));

  return {
    week: options.week,
    partial: options.week.end.getTime() > options.now.getTime(),
    trend,
    current,
    previous,
    worstComments,
    perCustomer,
    perCustomerTotal: several.length,
    perCustomerWindow: window,
  };
}
