import type { Button, KnownBlock } from '@slack/types';
import type { TEscalation } from '../../db/repositories/escalations';
import { escalationRef, SEVERITY_EMOJI, type TSeverity, themeRef } from '../../domain/escalations/vocabulary';
import { ActionId } from '../ids';
import { context, escapeMrkdwn, header, mention, SlackLimits, slackDate, type TMessage, truncate } from './limits';

/** Leaves room in the 3000-char section for the truncation note. */
const CARD_SUMMARY_MAX = 2800;

export const escalationButtonValue = (escalationId: number) => JSON.stringify({ escalationId });

export function severityLabel(severity: string) {
  return `${SEVERITY_EMOJI[severity as TSeverity] ?? ''} ${severity}`.trim();
}

export function statusLabel(escalation: Pick<TEscalation, 'status' | 'ownerId'>) {
  if (escalation.status === 'claimed' && escalation.ownerId) return `claimed by ${mention(escalation.ownerId)}`;
  return escalation.status;
}

function button(actionId: string, text: string, escalationId: number, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, SlackLimits.buttonText) },
    value: escalationButtonValue(escalationId),
    ...(style ? { style } : {}),
  };
}

export function escalationCardButtons(escalation: TEscalation): Button[] {
  const buttons: Button[] = [];
  if (escalation.status === 'resolved') {
    buttons.push(button(ActionId.Reopen, 'Reopen', escalation.id));
  } else {
    buttons.push(
      button(ActionId.Claim, escalation.status === 'claimed' ? 'Take over' : 'Claim', escalation.id, 'primary'),
    );
    buttons.push(button(ActionId.Resolve, 'Resolve', escalation.id));
  }
  if (escalation.customer) {
    buttons.push({
      type: 'button',
      action_id: ActionId.CustomerProfile,
      text: { type: 'plain_text', text: truncate(`Customer: ${escalation.customer.name}`, SlackLimits.buttonText) },
      value: JSON.stringify({ customerId: escalation.customer.id }),
    });
  }
  return buttons;
}

/** The card in the advocate channel: everything an advocate needs to decide, and the buttons to act. */
export function escalationCard(escalation: TEscalation): TMessage {
  const ref = escalationRef(escalation.id);
  const firstLine = escalation.summary.split('\n')[0] ?? '';
  const summary = truncate(
    escapeMrkdwn(escalation.summary),
    CARD_SUMMARY_MAX,
    `… _(truncated; \`/advocate show ${ref}\` has the full text)_`,
  );
  const fields = [
    `*Customer*\n${escalation.customer ? escapeMrkdwn(escalation.customer.name) : '_not named_'}`,
    `*Severity*\n${severityLabel(escalation.severity)}`,
    `*Status*\n${statusLabel(escalation)}`,
    `*Reporter*\n${mention(escalation.reporterId)}`,
    `*Tags*\n${escalation.tags.length ? escalation.tags.map((tag) => `\`#${tag.tag}\``).join(' ') : '_none_'}`,
    `*Source*\n${escalation.sourceLink ? `<${escalation.sourceLink}|conversation>` : `<#${escalation.sourceChannelId}>`}`,
  ];
  if (escalation.theme)
    fields.push(`*Theme*\n${themeRef(escalation.theme.id)} ${escapeMrkdwn(escalation.theme.title)}`);
  const times = [`Flagged ${slackDate(escalation.createdAt)}`];
  if (escalation.claimedAt && escalation.status !== 'open') times.push(`claimed ${slackDate(escalation.claimedAt)}`);
  if (escalation.resolvedAt && escalation.status === 'resolved')
    times.push(`resolved ${slackDate(escalation.resolvedAt)}`);

  const headerText = `${ref} · ${truncate(firstLine, SlackLimits.headerText - ref.length - 3)}`;
  // A one-line summary that fits the header is not repeated below it.
  const summaryInHeader = escalation.summary === firstLine && headerText.endsWith(firstLine);
  const blocks: KnownBlock[] = [
    header(headerText),
    ...(summaryInHeader ? [] : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: summary } }]),
    {
      type: 'section',
      fields: fields
        .slice(0, SlackLimits.sectionFields)
        .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SlackLimits.sectionField) })),
    },
    context(times.join(' · ')),
    { type: 'actions', block_id: `escalation_actions_${escalation.id}`, elements: escalationCardButtons(escalation) },
  ];
  const text = truncate(
    `${ref} (${escalation.severity}, ${escalation.status})${escalation.customer ? ` for ${escalation.customer.name}` : ''}: ${escalation.summary}`,
    SlackLimits.fallbackText,
  );
  return { text, blocks };
}
