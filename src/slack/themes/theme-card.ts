import type { Button, KnownBlock } from '@slack/types';
import { stakeWords } from '../../core/customers/revenue';
import { escalationRef, SEVERITY_EMOJI, themeRef } from '../../core/escalations/escalation-vocabulary';
import {
  fromOutside,
  fromSlack,
  joinMrkdwn,
  type Mrkdwn,
  mrkdwn,
  plainOf,
  truncateMrkdwn,
  trusted,
} from '../../core/shared/text/mrkdwn';
import { formatAge } from '../../core/shared/time/durations';
import { THEME_DETRACTOR_DAYS, type TThemeAccounts } from '../../core/themes/theme-accounts';
import { summarizeTheme } from '../../core/themes/theme-summary';
import type { TTheme } from '../../core/themes/themes-repository';
import { severityLabel, statusLabel, summaryFirstLine } from '../escalations/escalation-card';
import {
  context,
  fieldsSection,
  header,
  mention,
  message,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { themeLinkTicketButton, themeTicketBlocks } from './theme-ticket-views';

/** The card lists at most this many escalations; the rest are counted (the fields above cover them all). */
const CARD_ESCALATION_LINES = 15;

export const themeButtonValue = (themeId: number) => JSON.stringify({ themeId });

export function themeResolveButton(themeId: number): Button {
  return {
    type: 'button',
    action_id: ActionId.ThemeResolve,
    text: { type: 'plain_text', text: 'Resolve theme' },
    style: 'primary',
    value: themeButtonValue(themeId),
  };
}

/** Revenue at stake: ARR over distinct accounts, tier mix, renewals coming up, detractors, and who was told. */
export function themeAccountsSection(accounts: TThemeAccounts, resolved: boolean): KnownBlock {
  const { stake, renewals } = accounts;
  const lines = [
    mrkdwn`*At stake:* ${stakeWords(stake)} over ${stake.customers} customer${stake.customers === 1 ? '' : 's'} · ${accounts.tierMix}`,
    renewals.count && renewals.nearest
      ? mrkdwn`*Renewals:* ${renewals.count} in the next ${renewals.windowDays} days, the first ${slackDate(renewals.nearest, '{date_short}')}`
      : mrkdwn`*Renewals:* none in the next ${renewals.windowDays} days`,
    mrkdwn`*Detractors:* ${accounts.detractors} response${accounts.detractors === 1 ? '' : 's'} from these accounts in the last ${THEME_DETRACTOR_DAYS} days`,
  ];
  if (resolved && accounts.owned > 0) lines.push(mrkdwn`*Customers told:* ${accounts.told} of ${accounts.owned}`);
  return section(joinMrkdwn(lines));
}

function customersText(names: string[]): Mrkdwn {
  if (names.length === 0) return trusted('_none named_');
  return truncateMrkdwn(mrkdwn`*${names.length}*: ${joinMrkdwn(names.map(fromOutside), ', ')}`, 600);
}

/**
 * The theme card in the advocate channel: who owns it, whom it hurts, what is linked and how bad, since when.
 * Rendered from the database at send time, so every update shows the theme as it is then.
 */
export function themeCard(theme: TTheme, now: Date, accounts?: TThemeAccounts): TMessage {
  const ref = themeRef(theme.id);
  const summary = summarizeTheme(theme);
  const resolved = theme.status === 'resolved';
  const severities = summary.severities.length
    ? summary.severities.map(({ severity, count }) => `${SEVERITY_EMOJI[severity]} ${count} ${severity}`).join(' · ')
    : '_none_';
  const fields = [
    mrkdwn`*Owner*\n${theme.ownerId ? mention(theme.ownerId) : trusted('_nobody_')}`,
    mrkdwn`*Customers affected*\n${customersText(summary.customers)}`,
    trusted(`*Escalations*\n${summary.linked} linked: ${summary.open} open, ${summary.resolved} resolved`),
    trusted(`*Severities*\n${severities}`),
    mrkdwn`*First report*\n${summary.firstReportAt ? slackDate(summary.firstReportAt) : trusted('_none_')}`,
    mrkdwn`*Latest report*\n${summary.latestReportAt ? slackDate(summary.latestReportAt) : trusted('_none_')}`,
    resolved && theme.resolvedAt
      ? mrkdwn`*Age*\nresolved after ${formatAge(theme.createdAt, theme.resolvedAt)}`
      : mrkdwn`*Age*\n${formatAge(theme.createdAt, now)}`,
    mrkdwn`*Status*\n${resolved ? mrkdwn`resolved by ${theme.resolvedById ? mention(theme.resolvedById) : 'an advocate'}` : 'open'}`,
  ];
  // As many lines as fit in one section (at most CARD_ESCALATION_LINES), then how many more there are.
  const lines: Mrkdwn[] = [];
  let length = 0;
  for (const escalation of theme.escalations.slice(0, CARD_ESCALATION_LINES)) {
    const customer = escalation.customer ? mrkdwn` · ${fromOutside(truncate(escalation.customer.name, 40))}` : '';
    const first = summaryFirstLine(escalation, 90);
    const line = mrkdwn`• *${escalationRef(escalation.id)}* · ${severityLabel(escalation.severity)} · ${statusLabel(escalation)}${customer} — ${first}`;
    if (length + line.length + 1 > SlackLimits.sectionText - 40) break;
    lines.push(line);
    length += line.length + 1;
  }
  if (theme.escalations.length > lines.length)
    lines.push(mrkdwn`…and ${theme.escalations.length - lines.length} more.`);

  const blocks: KnownBlock[] = [
    header(`${ref} · ${truncate(plainOf(theme.title), SlackLimits.headerText - ref.length - 3)}`),
    fieldsSection(fields),
  ];
  if (accounts && accounts.stake.customers > 0) blocks.push(themeAccountsSection(accounts, resolved));
  if (lines.length) blocks.push(section(joinMrkdwn(lines)));
  blocks.push(...themeTicketBlocks(theme, now));
  if (resolved && theme.resolutionNote) {
    const when = theme.resolvedAt ? mrkdwn` ${slackDate(theme.resolvedAt)}` : '';
    const quoted = joinMrkdwn(theme.resolutionNote.split('\n').map((line) => mrkdwn`> ${fromSlack(line)}`));
    blocks.push(section(mrkdwn`*Resolution*${when}\n${quoted}`));
    const checked = theme.followUps?.[0];
    if (checked?.lastVerdict && checked.lastCheckDays !== null)
      blocks.push(
        section(
          mrkdwn`*Outcome* (${checked.lastCheckDays} day${checked.lastCheckDays === 1 ? '' : 's'} on): ${checked.lastVerdict} · \`/advocate theme ${ref} outcome\` for the figures`,
        ),
      );
  }
  blocks.push(
    context(
      mrkdwn`Opened by ${mention(theme.createdById)} ${slackDate(theme.createdAt)} · link more with \`/advocate theme ${ref} ADV-…\` · tickets with \`/advocate theme ${ref} link &lt;url&gt;\``,
    ),
  );
  if (!resolved)
    blocks.push({
      type: 'actions',
      block_id: `theme_actions_${theme.id}`,
      elements: [themeResolveButton(theme.id), themeLinkTicketButton(theme.id)],
    });

  const text = message(
    mrkdwn`${ref} ${fromSlack(theme.title)} (${theme.status}): ${summary.customers.length} customer${summary.customers.length === 1 ? '' : 's'}, ${summary.linked} escalation${summary.linked === 1 ? '' : 's'} (${summary.open} open)`,
    blocks,
  );
  return text;
}
