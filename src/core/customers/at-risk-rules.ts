import { z } from 'zod';
import { npsOf } from './customer-scores';

/** The window every at-risk rule looks at, and how long an announcement keeps a customer from being announced again. */
export const AT_RISK_WINDOW_DAYS = 30;
/** A week-over-week fall of at least this many NPS points puts a customer at risk. */
export const NPS_FALL_POINTS = 30;
/** A week with responses is compared with the previous week that had any, if it is at most this many weeks earlier. */
export const NPS_FALL_MAX_GAP_WEEKS = 4;

/** A reason, as stored in an announcement's outbox payload (JSON) and read back when it is rendered. */
export const ZAtRiskReason = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('severe-escalation'),
    escalations: z.array(z.object({ id: z.number().int(), severity: z.string() })),
  }),
  z.object({ kind: z.literal('detractor'), count: z.number().int(), latestAt: z.coerce.date() }),
  z.object({
    kind: z.literal('nps-fall'),
    fromWeek: z.string(),
    from: z.number(),
    toWeek: z.string(),
    to: z.number(),
  }),
  z.object({ kind: z.literal('themes'), themeIds: z.array(z.number().int()) }),
  z.object({ kind: z.literal('renewal'), renewalAt: z.coerce.date(), days: z.number().int() }),
]);
export type TAtRiskReason = z.infer<typeof ZAtRiskReason>;

/** One ISO week of a customer's NPS responses; `index` numbers consecutive weeks so gaps are visible. */
export interface TCustomerNpsWeek {
  index: number;
  label: string;
  responses: number;
  promoters: number;
  detractors: number;
}

export interface TAtRiskFacts {
  /** Open (not resolved) high or critical escalations. */
  severeEscalations: { id: number; severity: string }[];
  /** Detractor responses in the window. */
  detractors: { count: number; latestAt: Date } | null;
  /** Weeks with at least one NPS response, any order. */
  npsWeeks: TCustomerNpsWeek[];
  /** The first week index that overlaps the window: a fall must land in the window to count. */
  firstRecentWeek: number;
  /** Open themes the customer's escalations are linked to. */
  openThemeIds: number[];
}

/**
 * A customer's weekly NPS is the NPS of its responses in that ISO week, however few: one promoter is +100, one
 * passive 0, one detractor −100. Weeks without responses are skipped, so a week is compared with the previous week
 * that had responses, up to four weeks back. Returns the latest fall of 30 points or more that lands in the window.
 */
export function npsFall(
  weeks: readonly TCustomerNpsWeek[],
  firstRecentWeek: number,
): Extract<TAtRiskReason, { kind: 'nps-fall' }> | null {
  const sorted = weeks.filter((week) => week.responses > 0).sort((a, b) => a.index - b.index);
  for (let i = sorted.length - 1; i >= 1; i--) {
    const current = sorted[i]!;
    const previous = sorted[i - 1]!;
    if (current.index < firstRecentWeek) break;
    if (current.index - previous.index > NPS_FALL_MAX_GAP_WEEKS) continue;
    const from = npsOf(previous)!;
    const to = npsOf(current)!;
    if (from - to >= NPS_FALL_POINTS)
      return { kind: 'nps-fall', fromWeek: previous.label, from, toWeek: current.label, to };
  }
  return null;
}

/** The rules of issue 10, one reason per rule that holds; no reasons means not at risk. */
export function atRiskReasons(facts: TAtRiskFacts): TAtRiskReason[] {
  const reasons: TAtRiskReason[] = [];
  if (facts.severeEscalations.length > 0)
    reasons.push({
      kind: 'severe-escalation',
      escalations: [...facts.severeEscalations].sort((a, b) => a.id - b.id),
    });
  if (facts.detractors && facts.detractors.count > 0) reasons.push({ kind: 'detractor', ...facts.detractors });
  const fall = npsFall(facts.npsWeeks, facts.firstRecentWeek);
  if (fall) reasons.push(fall);
  if (new Set(facts.openThemeIds).size >= 2)
    reasons.push({ kind: 'themes', themeIds: [...new Set(facts.openThemeIds)].sort((a, b) => a - b) });
  return reasons;
}

/** A renewal this close, with a severe escalation open or a recent detractor, is revenue about to walk. */
export const RENEWAL_RISK_DAYS = 60;

/**
 * The renewal reason: the account renews within RENEWAL_RISK_DAYS while it has an open high/critical escalation or a
 * detractor response in the window. Pure.
 */
export function renewalReason(
  facts: Pick<TAtRiskFacts, 'severeEscalations' | 'detractors'>,
  renewalAt: Date | null | undefined,
  now: Date,
): Extract<TAtRiskReason, { kind: 'renewal' }> | null {
  if (!renewalAt) return null;
  const days = Math.ceil((renewalAt.getTime() - now.getTime()) / 86_400_000);
  if (days < 0 || days > RENEWAL_RISK_DAYS) return null;
  const troubled = facts.severeEscalations.length > 0 || (facts.detractors?.count ?? 0) > 0;
  return troubled ? { kind: 'renewal', renewalAt, days } : null;
}

/** Most reasons first, then the larger ARR (unknown last), then by name. */
export function byRisk<T extends { reasons: readonly unknown[]; arr: number | null; name: string }>(
  a: T,
  b: T,
): number {
  return b.reasons.length - a.reasons.length || (b.arr ?? -1) - (a.arr ?? -1) || a.name.localeCompare(b.name);
}
