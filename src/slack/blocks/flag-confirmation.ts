import type { TEscalation } from '../../db/repositories/escalations';
import { escalationRef } from '../../domain/escalations/vocabulary';
import { link, mrkdwn, trusted } from '../../text/slack-text';
import { customerName } from './escalation-card';
import { channelMention, message, section, type TMessage } from './limits';

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
