import type { KnownBlock } from '@slack/types';
import type { TOwnerEvent } from '../../core/customers/owner-notices';
import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import type { TAtRiskAnnouncement } from '../../core/shared/outbox/outbox-messages';
import { fromOutside, fromSlack, link, type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { context, mention, message, SlackLimits, section, type TMessage, truncate } from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { reasonLines } from './at-risk-views';

const EVENT_WORDS: Record<TOwnerEvent, string> = {
  flagged: 'was flagged',
  claimed: 'was claimed',
  reassigned: 'was taken over',
  resolved: 'was resolved',
};

/** The account owner's DM about an escalation of their account: severity, summary, who acted and a link to the card. */
export function ownerNoticeMessage(
  escalation: Pick<TEscalation, 'id' | 'severity' | 'summary' | 'customer'>,
  event: TOwnerEvent,
  actorId: string,
  cardLink: string | undefined,
): TMessage {
  const ref = escalationRef(escalation.id);
  const account = escalation.customer ? fromOutside(escalation.customer.name) : trusted('your account');
  const refText: Mrkdwn = cardLink ? link(cardLink, ref) : trusted(ref);
  const summary = fromSlack(truncate(escalation.summary.split('\n')[0] ?? '', 300));
  const text = mrkdwn`${refText} (${escalation.severity}) for ${account}, an account you own, ${EVENT_WORDS[event]} by ${mention(actorId)}: ${summary}`;
  return message(text, [section(text)]);
}

/** The owner's DM when their account turns at risk, with the reasons. */
export function ownerAtRiskMessage(announcement: TAtRiskAnnouncement): TMessage {
  const text = mrkdwn`${fromOutside(announcement.name)}, an account you own, is now at risk.`;
  return message(text, [section(mrkdwn`:rotating_light: ${text}\n${reasonLines(announcement.reasons)}`)]);
}

export interface TOwnerThemeResolved {
  themeId: number;
  title: string;
  note: string | null;
  customerId: number;
  customerName: string;
  /** Set once the owner pressed the button: the DM then says so instead of offering it. */
  toldAt?: Date;
}

/** The owner's DM when a theme affecting their account is resolved: the note to pass on, and the button to record it. */
export function ownerThemeResolvedMessage(notice: TOwnerThemeResolved): TMessage {
  const ref = themeRef(notice.themeId);
  const text = mrkdwn`${ref} “${fromSlack(truncate(notice.title, 200))}” was resolved; it affected ${fromOutside(notice.customerName)}, an account you own. Let them know.`;
  const blocks: KnownBlock[] = [section(mrkdwn`:white_check_mark: ${text}`)];
  if (notice.note) blocks.push(section(mrkdwn`*What to tell them*\n>${fromSlack(truncate(notice.note, 2500))}`));
  if (notice.toldAt) {
    blocks.push(context(trusted(':speech_balloon: You told the customer. Thank you.')));
  } else {
    blocks.push({
      type: 'actions',
      block_id: `owner_told_${notice.themeId}_${notice.customerId}`,
      elements: [
        {
          type: 'button',
          action_id: ActionId.OwnerToldCustomer,
          style: 'primary',
          text: { type: 'plain_text', text: 'Told the customer' },
          value: JSON.stringify({ themeId: notice.themeId, customerId: notice.customerId }),
        },
      ],
    });
  }
  return message(text, blocks.slice(0, SlackLimits.messageBlocks));
}
