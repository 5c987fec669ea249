import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { link, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { channelMention, message, section, type TMessage } from '../kit/block-limits';
import { customerName } from './escalation-card';

/** What the agent sees after flagging: the ID, and a link to the card or why it is not there yet. */
export function flagConfirmation(
  escalation: TEscalation,
  cardLink: string | null,
  advocateChannelId: string,
): TMessage {
  const ref = escalationRef(escalation.id);
  const who = escalation.customer ? mrkdwn` for ${customerName(escalation.customer)}` : trusted('');
  const channel = channelMention(advocateChannelId);
  if (escalation.postState === 'posted') {
    const where = cardLink
      ? mrkdwn`${link(cardLink, 'View the card')} in ${channel}`
      : mrkdwn`Its card is in ${channel}`;
    const text = mrkdwn`:white_check_mark: *${ref}* flagged${who} (${escalation.severity}). ${where}; you'll hear when an advocate claims and resolves it.`;
    return message(mrkdwn`${ref} flagged${who} (${escalation.severity}).`, [section(text)]);
  }
  const reason = escalation.lastPostError ?? 'Slack did not answer';
  const text = mrkdwn`:hourglass: *${ref}* is saved${who} (${escalation.severity}), but its card could not be posted to ${channel} yet (${reason}). Advocate keeps retrying; \`/advocate list\` shows it meanwhile.`;
  return message(mrkdwn`${ref} is saved; its card will be posted when Slack accepts it.`, [section(text)]);
}
