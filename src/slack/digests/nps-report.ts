import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { fromOutside, joinMrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { SCORE_CLASSES, type TSurveyKind } from '../../core/surveys/score-classes';
import { formatChange, formatScore, sparkline } from '../../core/surveys/survey-maths';
import {
  PER_CUSTOMER_MIN_RESPONSES,
  TREND_WEEKS,
  type TSurveyReport,
  VOLATILE_BELOW,
} from '../../core/surveys/survey-report';
import type { TKindFigures } from '../../core/surveys/weekly-figures';
import { context, divider, header, message, section, type TMessage, truncate } from '../kit/block-limits';

const NAMES: Record<TSurveyKind, string> = { nps: 'NPS', csat: 'CSAT' };
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `NPS +20 (10 responses)`, `CSAT 50% (4 responses)`: the public form of a figure (../shared/INTERFACE.md). */
export function surveyFigure(figures: TKindFigures): string {
  return `${NAMES[figures.kind]} ${formatScore(figures.kind, figures.score)} (${plural(figures.responses, 'response')})`;
}

function split(figures: TKindFigures): string {
  if (figures.responses === 0) return '';
  return figures.kind === 'nps'
    ? ` — ${plural(figures.promoters, 'promoter')} · ${plural(figures.passives, 'passive')} · ${plural(figures.detractors, 'detractor')}`
    : ` — ${figures.promoters} satisfied (${scores(CSAT.promoter)}) · ${figures.passives} neutral (${scores(CSAT.passive)}) · ${figures.detractors} dissatisfied (${scores(CSAT.detractor)})`;
}

const CSAT = SCORE_CLASSES.csat;
/** `4–5`, or `3` for a class of one score. */
const scores = (range: { min: number; max: number }) =>
  range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`;

/** "Mon 16 Nov – Sun 22 Nov 2026" in the digest time zone; the end shown is the week's last day, not its exclusive end. */
export function weekDates(report: Pick<TSurveyReport, 'week'>, timeZone: string): string {
  const start = DateTime.fromJSDate(report.week.start, { zone: timeZone });
  const last = DateTime.fromJSDate(report.week.end, { zone: timeZone }).minus({ days: 1 });
  return `${start.toFormat('ccc d LLL')} – ${last.toFormat('ccc d LLL yyyy')}`;
}

/** Below this many responses in either week, a week-over-week change is one or two people, not a movement. */
export const COMPARE_MIN_RESPONSES = 5;

/** ` · change *-17*`, or why there is none worth showing. */
function changeText(current: TKindFigures, previous: TKindFigures): string {
  const change = formatChange(current.score, previous.score);
  if (!change) return '';
  const fewest = Math.min(current.responses, previous.responses);
  if (fewest < COMPARE_MIN_RESPONSES) return ` · (${plural(fewest, 'response')} — too few to compare)`;
  return ` · change *${change}*`;
}

function kindSection(report: TSurveyReport, kind: TSurveyKind): string {
  const current = report.current[kind];
  const previous = report.previous[kind];
  const lead = report.partial ? 'This week so far' : `Week ${report.week.label}`;
  const scores = report.trend.map((week) => week[kind].score);
  const first = report.trend[0]!.week.label.replace(/^\d{4}-/, '');
  const last = report.week.label.replace(/^\d{4}-/, '');
  return [
    `${lead}: *${surveyFigure(current)}*${split(current)}`,
    `Week before: ${surveyFigure(previous)}${changeText(current, previous)}`,
    `${TREND_WEEKS} weeks: \`${sparkline(kind, scores)}\` ${first}→${last} (${scores.map((score) => formatScore(kind, score)).join(', ')})`,
  ].join('\n');
}

function volatilityNote(figures: TKindFigures, partial: boolean): string | null {
  if (figures.responses >= VOLATILE_BELOW) return null;
  const name = NAMES[figures.kind];
  if (figures.responses === 0) return `:warning: No ${name} responses ${partial ? 'yet this week' : 'that week'}.`;
  return `:warning: ${name} from ${plural(figures.responses, 'response')} is volatile: below ${VOLATILE_BELOW} responses a few people move the score a lot, so read the trend rather than the week.`;
}

function commentsSection(report: TSurveyReport): KnownBlock | null {
  if (report.worstComments.length === 0) return null;
  const lines = report.worstComments.map(
    (entry) =>
      mrkdwn`• *${NAMES[entry.kind]} ${entry.score}* · *${fromOutside(truncate(entry.customer, 80))}* — “${fromOutside(truncate(entry.comment.replace(/\s+/g, ' '), 450))}”`,
  );
  return section(mrkdwn`*Worst detractor comments*\n${joinMrkdwn(lines)}`);
}

function perCustomerSection(report: TSurveyReport): KnownBlock | null {
  if (report.perCustomer.length === 0) return null;
  const lines = report.perCustomer.map(
    (entry) =>
      mrkdwn`• *${fromOutside(truncate(entry.customer, 80))}* NPS ${formatScore('nps', entry.score)} (${plural(entry.responses, 'response')}: ${plural(entry.promoters, 'promoter')}, ${plural(entry.passives, 'passive')}, ${plural(entry.detractors, 'detractor')})`,
  );
  const more = report.perCustomerTotal - report.perCustomer.length;
  if (more > 0) lines.push(mrkdwn`_…and ${plural(more, 'more customer')}_`);
  return section(
    mrkdwn`*NPS per customer* (last ${TREND_WEEKS} weeks, customers with ${PER_CUSTOMER_MIN_RESPONSES}+ responses, lowest first)\n${joinMrkdwn(lines)}`,
  );
}

export interface TNpsReportOptions {
  timeZone: string;
  /** Whether a PNG of the trend is uploaded right after the report. */
  chartFollows: boolean;
}

/** The survey part of the weekly report; other capabilities' sections are appended by the digest (nps-digest.ts). */
export function npsReportMessage(report: TSurveyReport, options: TNpsReportOptions): TMessage {
  const title = report.partial ? `NPS & CSAT · ${report.week.label} so far` : `NPS & CSAT · week ${report.week.label}`;
  const blocks: KnownBlock[] = [
    header(title),
    context(
      mrkdwn`${weekDates(report, options.timeZone)} (${options.timeZone})${report.partial ? ' · the week is not over: its figures will still move' : ''}`,
    ),
    section(trusted(kindSection(report, 'nps'))),
    section(trusted(kindSection(report, 'csat'))),
  ];
  const notes = [
    volatilityNote(report.current.nps, report.partial),
    volatilityNote(report.current.csat, report.partial),
  ];
  const shownNotes = notes.filter((note): note is string => note !== null);
  if (shownNotes.length) blocks.push(context(...shownNotes.map(trusted)));
  const comments = commentsSection(report);
  const perCustomer = perCustomerSection(report);
  if (comments || perCustomer) blocks.push(divider());
  if (comments) blocks.push(comments);
  if (perCustomer) blocks.push(perCustomer);
  if (options.chartFollows)
    blocks.push(context(mrkdwn`:chart_with_upwards_trend: The ${TREND_WEEKS}-week chart follows.`));
  return message(
    mrkdwn`${trusted(title)}: ${surveyFigure(report.current.nps)}, ${surveyFigure(report.current.csat)}`,
    blocks,
  );
}

/** Title, file name and alt text of the uploaded chart. */
export function npsChartDescription(report: TSurveyReport) {
  const first = report.trend[0]!.week.label;
  const nps = report.trend.map((week) => formatScore('nps', week.nps.score)).join(', ');
  const csat = report.trend.map((week) => formatScore('csat', week.csat.score)).join(', ');
  return {
    title: `NPS and CSAT, ${first} to ${report.week.label}${report.partial ? ' (so far)' : ''}`,
    filename: `nps-csat-${report.week.label}.png`,
    altText: truncate(`Weekly NPS ${first} to ${report.week.label}: ${nps}. CSAT: ${csat}.`, 1000),
  };
}
