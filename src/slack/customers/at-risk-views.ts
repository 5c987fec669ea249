import type { Button, KnownBlock } from '@slack/types';
import type { TAtRiskCustomer } from '../../core/customers/at-risk';
import { AT_RISK_WINDOW_DAYS, type TAtRiskReason } from '../../core/customers/at-risk-rules';
import { signed } from '../../core/customers/customer-scores';
import { arrWords } from '../../core/customers/revenue';
import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TAtRiskAnnouncement } from '../../core/shared/outbox/outbox-messages';
import { fromOutside, joinMrkdwn, type Mrkdwn, mrkdwn, truncateMrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import {
  capBlocks,
  context,
  header,
  message,
  packedSections,
  plainText,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import { ActionId } from '../kit/ids';

export const customerButtonValue = (customerId: number) => JSON.stringify({ customerId });

export function formatArr(arr: number | null | undefined): string | null {
  return arrWords(arr);
}

/** One reason in words, e.g. "open critical escalation ADV-3". */
export function reasonText(reason: TAtRiskReason): Mrkdwn {
  switch (reason.kind) {
    case 'severe-escalation': {
      const refs = reason.escalations.map((escalation) => `${escalationRef(escalation.id)} (${escalation.severity})`);
      const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? ` and ${refs.length - 5} more` : '');
      return mrkdwn`open high/critical escalation${refs.length === 1 ? '' : 's'}: ${shown}`;
    }
    case 'detractor':
      return mrkdwn`${reason.count} detractor response${reason.count === 1 ? '' : 's'} in the last ${AT_RISK_WINDOW_DAYS} days (latest ${slackDate(reason.latestAt, '{date_short}')})`;
    case 'nps-fall':
      return mrkdwn`NPS fell ${reason.from - reason.to} points: ${signed(reason.from)} in ${reason.fromWeek} → ${signed(reason.to)} in ${reason.toWeek}`;
    case 'themes':
      return mrkdwn`in ${reason.themeIds.length} open themes: ${reason.themeIds.map(themeRef).join(', ')}`;
    case 'renewal':
      return mrkdwn`renews in ${reason.days} day${reason.days === 1 ? '' : 's'} (${slackDate(reason.renewalAt, '{date_short}')}) with a severe escalation open or a recent detractor`;
  }
}

export const reasonLines = (reasons: readonly TAtRiskReason[]) =>
  joinMrkdwn(reasons.map((reason) => mrkdwn`• ${reasonText(reason)}`));

export function customerProfileButton(customerId: number, text = 'Profile'): Button {
  return {
    type: 'button',
    action_id: ActionId.CustomerProfile,
    text: plainText(text, SlackLimits.buttonText),
    value: customerButtonValue(customerId),
  };
}

/** Posted once in the advocate channel when a customer becomes at risk (`customer.at-risk`). */
export function atRiskAnnouncementMessage(data: TAtRiskAnnouncement): TMessage {
  const arr = formatArr(data.arr);
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`:rotating_light: *${fromOutside(data.name)}* is now at risk${arr ? ` (${arr})` : ''}:\n${reasonLines(data.reasons)}`,
    ),
    {
      type: 'actions',
      block_id: `at_risk_${data.customerId}`,
      elements: [
        {
          type: 'button',
          action_id: ActionId.OpenEscalationForCustomer,
          style: 'primary',
          text: { type: 'plain_text', text: 'Open escalation' },
          value: customerButtonValue(data.customerId),
        },
        customerProfileButton(data.customerId),
      ],
    },
    context(
      mrkdwn`Announced once per ${AT_RISK_WINDOW_DAYS} days · \`/advocate customer at-risk\` lists everyone at risk`,
    ),
  ];
  const text = mrkdwn`${fromOutside(data.name)} is now at risk: ${joinMrkdwn(data.reasons.map(reasonText), '; ')}`;
  return message(text, blocks);
}

function atRiskLine(entry: TAtRiskCustomer): Mrkdwn {
  const arr = formatArr(entry.customer.arr);
  const count = `${entry.reasons.length} reason${entry.reasons.length === 1 ? '' : 's'}`;
  return mrkdwn`*${fromOutside(truncate(entry.customer.name, 200))}* · ${count}${arr ? ` · ${arr}` : ''}\n${reasonLines(entry.reasons)}`;
}

/** Sections packed with several customers each, so a long list stays within `maxBlocks`. */
export function atRiskBlocks(list: readonly TAtRiskCustomer[], maxBlocks: number, more: Mrkdwn): KnownBlock[] {
  const lines = list.map((entry) => truncateMrkdwn(atRiskLine(entry), 1500));
  return capBlocks(
    packedSections(lines, null, '\n\n'),
    maxBlocks,
    (hidden) => mrkdwn`…${hidden} more sections not shown. ${more}`,
  );
}

/** `/advocate customer at-risk`: everyone at risk, most reasons first, then by ARR. */
export function atRiskListMessage(list: readonly TAtRiskCustomer[]): TMessage {
  if (list.length === 0) {
    const text = `No customer is at risk right now (rules over the last ${AT_RISK_WINDOW_DAYS} days).`;
    return message(trusted(text), [section(mrkdwn`:white_check_mark: ${text}`)]);
  }
  const title = `${list.length} customer${list.length === 1 ? '' : 's'} at risk`;
  return {
    text: title,
    blocks: [
      header(title),
      ...atRiskBlocks(list, SlackLimits.messageBlocks - 2, trusted('')),
      context(
        mrkdwn`Over the last ${AT_RISK_WINDOW_DAYS} days: an open high/critical escalation, a detractor response, NPS down 30+ points week over week, or two or more open themes.`,
      ),
    ],
  };
}
