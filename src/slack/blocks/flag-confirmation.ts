import type { TEscalation } from '../../db/repositories/escalations';
import { escalationRef } from '../../domain/escalations/vocabulary';
import { channelMention, escapeMrkdwn, section, type TMessage } from './limits';

/** What the agent sees after flagging: the ID, and a link to the card or why it is not there yet. */
export function flagConfirmation(
  escalation: TEscalation,
  cardLink: string | null,
  advocateChannelId: string,
): TMessage {
  const ref = escalationRef(escalation.id);
  const who = escalation.customer ? ` for ${escapeMrkdwn(escalation.customer.name)}` : '';
  const channel = channelMention(advocateChannelId);
  if (escalation.postState === 'posted') {
    const where = cardLink ? `<${cardLink}|View the card> in ${channel}` : `Its card is in ${channel}`;
    const text = `:white_check_mark: *${ref}* flagged${who} (${escalation.severity}). ${where}; you'll hear when an advocate claims and resolves it.`;
    return { text: `${ref} flagged${who} (${escalation.severity}).`, blocks: [section(text)] };
  }
  const reason = escalation.lastPostError ?? 'Slack did not answer';
  const text = `:hourglass: *${ref}* is saved${who} (${escalation.severity}), but its card could not be posted to ${channel} yet (${reason}). Advocate keeps retrying; \`/advocate list\` shows it meanwhile.`;
  return { text: `${ref} is saved; its card will be posted when Slack accepts it.`, blocks: [section(text)] };
}
