import type { Button, KnownBlock } from '@slack/types';
import type { TTheme } from '../../db/repositories/themes';
import { escalationRef, SEVERITY_EMOJI, themeRef } from '../../domain/escalations/vocabulary';
import { summarizeTheme } from '../../domain/themes/summary';
import { formatAge } from '../../domain/time/durations';
import { ActionId } from '../ids';
import { severityLabel, statusLabel } from './escalation-card';
import {
  context,
  escapeMrkdwn,
  header,
  mention,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from './limits';

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

function customersText(names: string[]) {
  if (names.length === 0) return '_none named_';
  return truncate(`*${names.length}*: ${names.map(escapeMrkdwn).join(', ')}`, 600);
}

/**
 * The theme card in the advocate channel: who owns it, whom it hurts, what is linked and how bad, since when.
 * Rendered from the database at send time, so every update shows the theme as it is then.
 */
export function themeCard(theme: TTheme, now: Date): TMessage {
  const ref = themeRef(theme.id);
  const summary = summarizeTheme(theme);
  const resolved = theme.status === 'resolved';
  const severities = summary.severities.length
    ? summary.severities.map(({ severity, count }) => `${SEVERITY_EMOJI[severity]} ${count} ${severity}`).join(' · ')
    : '_none_';
  const fields = [
    `*Owner*\n${theme.ownerId ? mention(theme.ownerId) : '_nobody_'}`,
    `*Customers affected*\n${customersText(summary.customers)}`,
    `*Escalations*\n${summary.linked} linked: ${summary.open} open, ${summary.resolved} resolved`,
    `*Severities*\n${severities}`,
    `*First report*\n${summary.firstReportAt ? slackDate(summary.firstReportAt) : '_none_'}`,
    `*Latest report*\n${summary.latestReportAt ? slackDate(summary.latestReportAt) : '_none_'}`,
    resolved && theme.resolvedAt
      ? `*Age*\nresolved after ${formatAge(theme.createdAt, theme.resolvedAt)}`
      : `*Age*\n${formatAge(theme.createdAt, now)}`,
    `*Status*\n${resolved ? `resolved by ${theme.resolvedById ? mention(theme.resolvedById) : 'an advocate'}` : 'open'}`,
  ];
  // As many lines as fit in one section (at most CARD_ESCALATION_LINES), then how many more there are.
  const lines: string[] = [];
  let length = 0;
  for (const escalation of theme.escalations.slice(0, CARD_ESCALATION_LINES)) {
    const customer = escalation.customer ? ` · ${escapeMrkdwn(truncate(escalation.customer.name, 40))}` : '';
    const first = escapeMrkdwn(truncate(escalation.summary.split('\n')[0] ?? '', 90));
    const line = `• *${escalationRef(escalation.id)}* · ${severityLabel(escalation.severity)} · ${statusLabel(escalation)}${customer} — ${first}`;
    if (length + line.length + 1 > SlackLimits.sectionText - 40) break;
    lines.push(line);
    length += line.length + 1;
  }
  if (theme.escalations.length > lines.length) lines.push(`…and ${theme.escalations.length - lines.length} more.`);

  const blocks: KnownBlock[] = [
    header(`${ref} · ${truncate(theme.title, SlackLimits.headerText - ref.length - 3)}`),
    {
      type: 'section',
      fields: fields.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SlackLimits.sectionField) })),
    },
  ];
  if (lines.length) blocks.push(section(lines.join('\n')));
  if (resolved && theme.resolutionNote) {
    const when = theme.resolvedAt ? ` ${slackDate(theme.resolvedAt)}` : '';
    const quoted = escapeMrkdwn(theme.resolutionNote)
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    blocks.push(section(`*Resolution*${when}\n${quoted}`));
  }
  blocks.push(
    context(
      `Opened by ${mention(theme.createdById)} ${slackDate(theme.createdAt)} · link more with \`/advocate theme ${ref} ADV-…\``,
    ),
  );
  if (!resolved)
    blocks.push({ type: 'actions', block_id: `theme_actions_${theme.id}`, elements: [themeResolveButton(theme.id)] });

  const text = truncate(
    `${ref} ${escapeMrkdwn(theme.title)} (${theme.status}): ${summary.customers.length} customer${summary.customers.length === 1 ? '' : 's'}, ${summary.linked} escalation${summary.linked === 1 ? '' : 's'} (${summary.open} open)`,
    SlackLimits.fallbackText,
  );
  return { text, blocks };
}
