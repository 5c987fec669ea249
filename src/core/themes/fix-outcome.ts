/**
 * Did a fix win its customers back? Pure arithmetic over what the database holds about the accounts a theme affected
 * when it was resolved, so that every figure can be checked by hand (test/core/themes/fix-outcome.test.ts).
 */
import { formatDuration } from '../shared/time/durations';
import { scoreClass, type TSurveyKind } from '../surveys/score-classes';
import { formatScore, surveyScore, type TClassCounts } from '../surveys/survey-maths';

/** Responses this long before the resolution are the "before" side. */
export const OUTCOME_BEFORE_DAYS = 90;
/** Below this many responses on a side, a score says nothing: the report says "too few responses to say". */
export const OUTCOME_MIN_RESPONSES = 3;
/** A change of at least this many points is a win (or a loss); less is "no change". */
export const OUTCOME_MOVE_POINTS = 10;

const DAY_MS = 86_400_000;

export interface TOutcomeCustomer {
  id: number;
  name: string;
}

export interface TOutcomeResponse {
  customerId: number;
  kind: TSurveyKind;
  score: number;
  respondedAt: Date;
}

export interface TOutcomeEvent {
  customerId: number;
  /** active | renewed | churned */
  event: string;
  at: Date;
}

export interface TOutcomeEscalation {
  id: number;
  customerId: number | null;
  customerName: string | null;
  tags: string[];
  createdAt: Date;
}

export interface TFixOutcomeInput {
  resolvedAt: Date;
  /** The report's moment: now for the command, the check's due time for a scheduled check. */
  asOf: Date;
  /** The followed accounts, merges already followed to their survivors. */
  customers: TOutcomeCustomer[];
  responses: TOutcomeResponse[];
  events: TOutcomeEvent[];
  /** Escalations flagged since the resolution that share a customer or a #tag with the theme (others are ignored). */
  escalations: TOutcomeEscalation[];
  themeTags: string[];
}

export interface TSide {
  score: number | null;
  responses: number;
}

export interface TKindOutcome {
  kind: TSurveyKind;
  before: TSide;
  after: TSide;
  /** Both sides have OUTCOME_MIN_RESPONSES or more. */
  enough: boolean;
  /** after − before in points, when enough. */
  change: number | null;
}

export interface TFixOutcome {
  resolvedAt: Date;
  asOf: Date;
  accounts: string[];
  nps: TKindOutcome;
  csat: TKindOutcome;
  renewed: string[];
  churned: string[];
  /** Accounts with new escalations that share a tag or a customer with the theme: a possible regression. */
  regressions: { customer: string; escalationIds: number[] }[];
  notHeardFrom: string[];
  verdict: string;
}

const emptyCounts = (): TClassCounts => ({ promoters: 0, passives: 0, detractors: 0 });

function add(counts: TClassCounts, kind: TSurveyKind, score: number) {
  const cls = scoreClass(kind, score);
  if (cls === 'promoter') counts.promoters += 1;
  else if (cls === 'passive') counts.passives += 1;
  else counts.detractors += 1;
}

function side(kind: TSurveyKind, counts: TClassCounts): TSide {
  return { score: surveyScore(kind, counts), responses: counts.promoters + counts.passives + counts.detractors };
}

function kindOutcome(kind: TSurveyKind, responses: TOutcomeResponse[], resolvedAt: Date, asOf: Date): TKindOutcome {
  const from = resolvedAt.getTime() - OUTCOME_BEFORE_DAYS * DAY_MS;
  const before = emptyCounts();
  const after = emptyCounts();
  for (const response of responses) {
    if (response.kind !== kind) continue;
    const at = response.respondedAt.getTime();
    if (at >= from && at < resolvedAt.getTime()) add(before, kind, response.score);
    else if (at >= resolvedAt.getTime() && at <= asOf.getTime()) add(after, kind, response.score);
  }
  const b = side(kind, before);
  const a = side(kind, after);
  const enough = b.responses >= OUTCOME_MIN_RESPONSES && a.responses >= OUTCOME_MIN_RESPONSES;
  return { kind, before: b, after: a, enough, change: enough ? a.score! - b.score! : null };
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "30 days", "2 days", or a short duration below a day ("2m"): how long the fix has had. */
export function outcomeSpan(resolvedAt: Date, asOf: Date): string {
  const ms = asOf.getTime() - resolvedAt.getTime();
  if (ms >= DAY_MS) return plural(Math.round(ms / DAY_MS), 'day');
  return formatDuration(ms);
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `${points}` : '±0';
}

function scoreVerdict(outcome: TKindOutcome, span: string): string {
  const label = outcome.kind.toUpperCase();
  const change = outcome.change!;
  const word = change >= OUTCOME_MOVE_POINTS ? 'won back' : change <= -OUTCOME_MOVE_POINTS ? 'worse' : 'no change';
  return `${word}: ${label} ${signed(change)} over ${span}`;
}

/**
 * The outcome of a fix, as of `asOf`:
 * - NPS and CSAT of the followed accounts' responses in the OUTCOME_BEFORE_DAYS before the resolution (resolution
 *   excluded) and from the resolution to `asOf` (both included);
 * - renewed / churned: each account's latest renewal or churn since the resolution (churned then renewed: renewed);
 * - regressions: escalations flagged since that name a followed account or carry one of the theme's tags;
 * - not heard from: followed accounts with no response, no escalation and no lifecycle event since.
 * Verdict: a regression first; else the NPS change (CSAT when NPS has too few responses), ±OUTCOME_MOVE_POINTS
 * being a win or a loss; else churn; else "too early to say". Churn is added to a score verdict.
 */
export function fixOutcome(input: TFixOutcomeInput): TFixOutcome {
  const { resolvedAt, asOf } = input;
  const since = (at: Date) => at.getTime() >= resolvedAt.getTime() && at.getTime() <= asOf.getTime();
  const followed = new Map(input.customers.map((customer) => [customer.id, customer.name]));
  const responses = input.responses.filter((response) => followed.has(response.customerId));
  const nps = kindOutcome('nps', responses, resolvedAt, asOf);
  const csat = kindOutcome('csat', responses, resolvedAt, asOf);

  const heard = new Set<number>();
  for (const response of responses) if (since(response.respondedAt)) heard.add(response.customerId);

  const latestMove = new Map<number, TOutcomeEvent>();
  for (const event of input.events) {
    if (!followed.has(event.customerId) || !since(event.at)) continue;
    heard.add(event.customerId);
    if (event.event !== 'renewed' && event.event !== 'churned') continue;
    const known = latestMove.get(event.customerId);
    if (!known || event.at.getTime() >= known.at.getTime()) latestMove.set(event.customerId, event);
  }
  const renewed: string[] = [];
  const churned: string[] = [];
  for (const [customerId, event] of latestMove)
    (event.event === 'renewed' ? renewed : churned).push(followed.get(customerId)!);

  const themeTags = new Set(input.themeTags);
  const regressionsBy = new Map<string, number[]>();
  for (const escalation of input.escalations) {
    if (!since(escalation.createdAt)) continue;
    const ofFollowed = escalation.customerId !== null && followed.has(escalation.customerId);
    if (ofFollowed) heard.add(escalation.customerId!);
    if (!ofFollowed && !escalation.tags.some((tag) => themeTags.has(tag))) continue;
    const name = ofFollowed ? followed.get(escalation.customerId!)! : (escalation.customerName ?? 'no customer named');
    regressionsBy.set(name, [...(regressionsBy.get(name) ?? []), escalation.id]);
  }
  const regressions = [...regressionsBy]
    .map(([customer, ids]) => ({ customer, escalationIds: ids.sort((a, b) => a - b) }))
    .sort((a, b) => byName(a.customer, b.customer));
  const notHeardFrom = [...followed].filter(([id]) => !heard.has(id)).map(([, name]) => name);

  const span = outcomeSpan(resolvedAt, asOf);
  const newEscalations = regressions.reduce((sum, regression) => sum + regression.escalationIds.length, 0);
  const churn = churned.length ? `${churned.length} churned` : '';
  let verdict: string;
  if (newEscalations > 0) verdict = `regressed: ${plural(newEscalations, 'new escalation')}`;
  else if (nps.enough) verdict = scoreVerdict(nps, span);
  else if (csat.enough) verdict = scoreVerdict(csat, span);
  else verdict = churn ? `lost: ${churn} over ${span}` : 'too early to say';
  if (churn && !verdict.startsWith('lost')) verdict += ` · ${churn}`;

  return {
    resolvedAt,
    asOf,
    accounts: [...followed.values()].sort(byName),
    nps,
    csat,
    renewed: renewed.sort(byName),
    churned: churned.sort(byName),
    regressions,
    notHeardFrom: notHeardFrom.sort(byName),
    verdict,
  };
}

/** `NPS -40 (5) → +20 (5)`; a side with too few responses shows `—`, and the line says so. */
export function outcomeFigures(outcome: TKindOutcome): string {
  const label = outcome.kind.toUpperCase();
  const shown = (s: TSide) =>
    `${s.responses >= OUTCOME_MIN_RESPONSES ? formatScore(outcome.kind, s.score) : '—'} (${s.responses})`;
  const line = `${label} ${shown(outcome.before)} → ${shown(outcome.after)}`;
  return outcome.enough ? line : `${line} · too few responses to say (fewer than ${OUTCOME_MIN_RESPONSES} on a side)`;
}
