import type { KnownBlock } from '@slack/types';
import type { TAtRiskCustomer } from '../../core/customers/at-risk';
import { AT_RISK_WINDOW_DAYS } from '../../core/customers/at-risk-rules';
import { WARNING_WINDOW_DAYS } from '../../core/customers/retention';
import type { TPeriodRetention, TRetentionReport } from '../../core/customers/retention-report';
import { fromOutside, joinMrkdwn, type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { context, section } from '../kit/block-limits';
import { atRiskBlocks } from './at-risk-views';

const NAMES_SHOWN = 10;
const percent = (value: number) => `${value.toFixed(1)}%`;
const money = (value: number) => Math.round(value).toLocaleString('en-US');

function names(list: string[]): Mrkdwn {
  const shown = joinMrkdwn(list.slice(0, NAMES_SHOWN).map(fromOutside), ', ');
  return list.length > NAMES_SHOWN ? mrkdwn`${shown} and ${list.length - NAMES_SHOWN} more` : shown;
}

/** "Churn with warning signs: 2 of 3 churned customers …" */
export function warningSignsLine(period: TPeriodRetention): string {
  const { warning } = period;
  if (warning.churned === 0) return 'Churn with warning signs: nobody churned.';
  return `Churn with warning signs: of ${warning.churned} churned, ${warning.withEscalation} had an escalation open or in the ${WARNING_WINDOW_DAYS} days before leaving, ${warning.withDetractor} a detractor score (${warning.withBoth} both, ${warning.withNeither} neither).`;
}

export function periodRetentionText(title: string, period: TPeriodRetention): Mrkdwn {
  const { retention } = period;
  const lines: (Mrkdwn | string)[] = [`*Retention · ${retention.period.label}* (${title})`];
  if (retention.rate === null) {
    lines.push(
      `Customers: no customer was active at the start, so there is no rate (${retention.activeAtEnd} active at the end).`,
    );
  } else {
    const kept = retention.activeAtEnd - retention.becameActive;
    lines.push(
      `Customers: *${percent(retention.rate)}*: ${kept} of ${retention.activeAtStart} active at the start still active (${retention.activeAtEnd} at the end, ${retention.becameActive} new)`,
    );
  }
  if (retention.revenue) {
    const { revenue } = retention;
    lines.push(
      `Revenue: *${percent(revenue.rate)}*: ARR ${money(revenue.startArr)} → ${money(revenue.endArr)} (${revenue.customersWithArr} of ${retention.activeAtStart} with a known ARR)`,
    );
  } else if (retention.activeAtStart > 0) {
    lines.push('Revenue: no ARR known for the customers active at the start.');
  }
  const churned = [
    period.lostNames.length
      ? mrkdwn`Churned (${period.lostNames.length}): ${names(period.lostNames)}`
      : 'Churned: none',
    period.joinedAndLeftNames.length
      ? mrkdwn`joined and left (${period.joinedAndLeftNames.length}): ${names(period.joinedAndLeftNames)}`
      : null,
  ].filter((part) => part !== null);
  lines.push(joinMrkdwn(churned, ' · '));
  lines.push(warningSignsLine(period));
  // Our own lines carry *bold* markup; only the names above are people's text.
  return joinMrkdwn(lines.map((line) => (typeof line === 'string' ? trusted(line) : line)));
}

/** The weekly report's retention part: the last full month and quarter. */
export function retentionBlocks(report: TRetentionReport): KnownBlock[] {
  return [
    section(periodRetentionText('last month', report.month)),
    section(periodRetentionText('last quarter', report.quarter)),
    context(
      trusted(
        'Retention = (active at the end − became active during) / active at the start. Revenue retention follows the ARR of the customers active at the start (expansion included).',
      ),
    ),
  ];
}

/** The weekly report's at-risk part: most reasons first, then ARR. */
/** The weekly report names this many customers at risk; the rest are a command away (the list made it ~2,000 px long). */
export const REPORT_AT_RISK_SHOWN = 5;

export function atRiskReportBlocks(list: readonly TAtRiskCustomer[], maxBlocks: number): KnownBlock[] {
  if (list.length === 0) return [section(mrkdwn`*Customers at risk*: none over the last ${AT_RISK_WINDOW_DAYS} days.`)];
  const shown = list.slice(0, REPORT_AT_RISK_SHOWN);
  const more = list.length - shown.length;
  return [
    section(
      mrkdwn`*Customers at risk (${list.length})*, most reasons first${more > 0 ? ` — the top ${shown.length}` : ''}`,
    ),
    ...atRiskBlocks(shown, maxBlocks - 2, trusted('`/advocate customer at-risk` lists everyone.')),
    context(
      more > 0
        ? trusted(`and ${more} more: \`/advocate customer at-risk\` · \`/advocate customer &lt;name&gt;\` shows one.`)
        : trusted('`/advocate customer at-risk` lists them on demand; `/advocate customer &lt;name&gt;` shows one.'),
    ),
  ];
}
