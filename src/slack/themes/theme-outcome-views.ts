import type { KnownBlock } from '@slack/types';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, joinMrkdwn, type Mrkdwn, mrkdwn, truncateMrkdwn } from '../../core/shared/text/mrkdwn';
import { OUTCOME_BEFORE_DAYS, outcomeFigures, outcomeSpan, type TFixOutcome } from '../../core/themes/fix-outcome';
import { context, message, SlackLimits, section, slackDate, type TMessage, truncate } from '../kit/block-limits';

/** Names in a report line: the first few, then how many more. */
const NAMES_SHOWN = 15;

function names(list: string[]): Mrkdwn {
  const shown = joinMrkdwn(
    list.slice(0, NAMES_SHOWN).map((name) => fromOutside(truncate(name, 60))),
    ', ',
  );
  return list.length > NAMES_SHOWN ? mrkdwn`${shown} and ${list.length - NAMES_SHOWN} more` : shown;
}

/** The report's lines: scores before → since, renewals and churn, possible regressions, silence. */
export function outcomeLines(outcome: TFixOutcome): Mrkdwn[] {
  const regressions = outcome.regressions.slice(0, NAMES_SHOWN).map(
    (regression) =>
      mrkdwn`${fromOutside(truncate(regression.customer, 60))} (${regression.escalationIds
        .slice(0, 10)
        .map((id) => `ADV-${id}`)
        .join(', ')})`,
  );
  const more = outcome.regressions.length - regressions.length;
  return [
    mrkdwn`*Verdict:* ${outcome.verdict}`,
    mrkdwn`• ${outcomeFigures(outcome.nps)}`,
    mrkdwn`• ${outcomeFigures(outcome.csat)}`,
    mrkdwn`• Renewed since: ${outcome.renewed.length ? names(outcome.renewed) : '_none_'} · churned since: ${outcome.churned.length ? names(outcome.churned) : '_none_'}`,
    mrkdwn`• New escalations sharing a tag or customer (possible regression): ${regressions.length ? joinMrkdwn(regressions, ', ') : '_none_'}${more > 0 ? ` and ${more} more accounts` : ''}`,
    mrkdwn`• Not heard from since (no response, escalation or lifecycle event): ${outcome.notHeardFrom.length ? names(outcome.notHeardFrom) : '_none_'}`,
  ];
}

function outcomeBlocks(heading: Mrkdwn, outcome: TFixOutcome): KnownBlock[] {
  return [
    section(truncateMrkdwn(joinMrkdwn([heading, ...outcomeLines(outcome)]), SlackLimits.sectionText)),
    context(
      mrkdwn`${outcome.accounts.length} account${outcome.accounts.length === 1 ? '' : 's'} followed since the resolution ${slackDate(outcome.resolvedAt)} · responses in the ${OUTCOME_BEFORE_DAYS} days before vs. since · a side with fewer than 3 responses is too few to say`,
    ),
  ];
}

/** `/advocate theme THM-3 outcome`: the outcome so far. */
export function themeOutcomeMessage(theme: { id: number; title: string }, outcome: TFixOutcome): TMessage {
  const heading = mrkdwn`*${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 150))} · outcome ${outcomeSpan(outcome.resolvedAt, outcome.asOf)} after the fix`;
  return message(mrkdwn`${themeRef(theme.id)} outcome: ${outcome.verdict}`, outcomeBlocks(heading, outcome));
}

/** The scheduled check in the theme card's thread. */
export function outcomeCheckMessage(days: number, outcome: TFixOutcome): TMessage {
  const heading = mrkdwn`:bar_chart: *Fix check, ${days} day${days === 1 ? '' : 's'} on*`;
  return message(mrkdwn`Fix check, ${days} days on: ${outcome.verdict}`, outcomeBlocks(heading, outcome));
}

/** The answer before a theme is resolved: there is nothing to measure yet. */
export function themeNotResolvedMessage(theme: { id: number; title: string }): TMessage {
  const text = mrkdwn`*${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 150))} is still open: its outcome is measured from the moment it is resolved. Resolve it from its card when the fix has shipped.`;
  return message(text, [section(text)]);
}
