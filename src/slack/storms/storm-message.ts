import type { Button, KnownBlock } from '@slack/types';
import { fromOutside, joinMrkdwn, type Mrkdwn, mrkdwn } from '../../core/shared/text/mrkdwn';
import type { TStormSummary } from '../../core/storms/storm-rule';
import type { TStorm } from '../../core/storms/storms-repository';
import { context, header, message, SlackLimits, section, type TMessage, truncate } from '../kit/block-limits';
import { ActionId } from '../kit/ids';

const CUSTOMERS_SHOWN = 15;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Minutes from the first flag to the last, at least one. */
const minutesOf = (summary: TStormSummary) =>
  Math.max(1, Math.ceil((summary.lastFlagAt.getTime() - summary.firstFlagAt.getTime()) / 60_000));

/** The storm's one line: what the channel list and notifications show. */
export function stormHeadline(storm: Pick<TStorm, 'closedAt'>, summary: TStormSummary): string {
  const customers = plural(summary.customers.length, 'customer');
  if (storm.closedAt)
    return `Storm over: ${plural(summary.count, 'escalation')} from ${customers} in ${plural(minutesOf(summary), 'minute')}`;
  return `Storm: ${plural(summary.count, 'escalation')} from ${customers} in ${plural(minutesOf(summary), 'minute')}`;
}

function customersLine(names: string[]): Mrkdwn {
  const shown = names.slice(0, CUSTOMERS_SHOWN).map((name) => mrkdwn`${fromOutside(name)}`);
  const more = names.length - shown.length;
  const list = shown.length ? joinMrkdwn(shown, ', ') : mrkdwn`none named yet`;
  return more > 0 ? mrkdwn`*Customers:* ${list} and ${more} more` : mrkdwn`*Customers:* ${list}`;
}

export const createThemeButton = (stormId: number): Button => ({
  type: 'button',
  action_id: ActionId.StormCreateTheme,
  text: { type: 'plain_text', text: 'Create theme' },
  style: 'primary',
  value: String(stormId),
});

/**
 * The storm's message: that it is a storm, how many escalations from which customers, the severity mix and what
 * they have in common; their cards are in its thread. Pure, within Slack's limits.
 */
export function stormMessage(storm: TStorm, summary: TStormSummary): TMessage {
  const headline = stormHeadline(storm, summary);
  const severity = summary.severities.map((s) => `${s.count} ${s.severity}`).join(' · ');
  const lines: Mrkdwn[] = [customersLine(summary.customers), mrkdwn`*Severity:* ${severity}`];
  if (summary.tags.length) lines.push(mrkdwn`*Tags:* ${summary.tags.map((t) => `#${t.tag} (${t.count})`).join(', ')}`);
  if (summary.words.length) lines.push(mrkdwn`*Words:* ${summary.words.join(', ')}`);
  const blocks: KnownBlock[] = [
    header(truncate(`${storm.closedAt ? '' : ':rotating_light: '}${headline}`, SlackLimits.headerText)),
    section(joinMrkdwn(lines)),
    context(
      storm.closedAt
        ? mrkdwn`No new flag for the window: the storm is over. Its cards are in this thread.`
        : mrkdwn`Each escalation's card is in this thread; claim and resolve them there as anywhere.`,
    ),
  ];
  if (storm.themeId) blocks.push(context(mrkdwn`All its escalations are linked to theme THM-${storm.themeId}.`));
  else blocks.push({ type: 'actions', elements: [createThemeButton(storm.id)] });
  return message(mrkdwn`${headline}`, blocks);
}
