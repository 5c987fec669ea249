import type { KnownBlock } from '@slack/types';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import type { TDetractorsWithoutAdvocate } from '../../core/surveys/detractors-without-advocate';
import { DETRACTOR_WINDOW_DAYS } from '../../core/surveys/detractors-without-advocate';
import type { TOpenEscalationOutcome } from '../../core/surveys/open-escalation-for-response';
import { channelMention, context, section, slackDate, truncate } from '../kit/block-limits';
import { ActionId } from '../kit/ids';

/** The button's value: which response to open an escalation from. */
export const detractorButtonValue = (responseId: number) => JSON.stringify({ responseId });

/** The open digest's "Detractors without an advocate": one line and an "Open escalation" button per response. */
export function detractorsWithoutAdvocateBlocks(found: TDetractorsWithoutAdvocate): KnownBlock[] {
  if (found.total === 0) return [];
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`*Detractors without an advocate* (${found.total} in the last ${DETRACTOR_WINDOW_DAYS} days whose customer has no open escalation)`,
    ),
  ];
  for (const response of found.responses) {
    const comment = response.comment
      ? mrkdwn` — “${fromOutside(truncate(response.comment.replace(/\s+/g, ' '), 400))}”`
      : trusted(' — _no comment_');
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: mrkdwn`*${response.kind.toUpperCase()} ${response.score}* · *${fromOutside(truncate(response.customer.name, 100))}* · ${slackDate(response.respondedAt, '{date_short_pretty}')}${comment}`
          .text,
      },
      accessory: {
        type: 'button',
        action_id: ActionId.OpenEscalationForResponse,
        text: { type: 'plain_text', text: 'Open escalation', emoji: true },
        value: detractorButtonValue(response.id),
      },
    });
  }
  const hidden = found.total - found.responses.length;
  if (hidden > 0) blocks.push(context(mrkdwn`…and ${hidden} more, lowest scores shown first.`));
  return blocks;
}

/** The private answer to the button. */
export function detractorOpenedText(outcome: TOpenEscalationOutcome): string {
  const ref = `*${escalationRef(outcome.escalation.id)}*`;
  const customer = outcome.escalation.customer ? fromOutside(outcome.escalation.customer.name) : 'the customer';
  const where = outcome.escalation.cardChannelId
    ? channelMention(outcome.escalation.cardChannelId)
    : 'the advocate channel';
  switch (outcome.kind) {
    case 'created':
      return mrkdwn`:white_check_mark: Opened *${escalationRef(outcome.escalation.id)}* for ${customer} from this response (severity ${outcome.escalation.severity}); its card is in ${where}.`
        .text;
    case 'attached':
      return mrkdwn`${customer} already has an open escalation, ${trusted(ref)}: the response was added to its timeline.`
        .text;
    case 'already-linked':
      return `This response is already linked to ${ref}; nothing new was opened.`;
  }
}

/**
 * The digest message after its button was used: that response's line loses its button and says where it went,
 * so nobody presses it again. Other blocks are returned untouched; null when the response is not in `blocks`.
 */
export function withDetractorHandled(blocks: unknown[], responseId: number, note: string): KnownBlock[] | null {
  let changed = false;
  const next = blocks.map((block) => {
    const candidate = block as KnownBlock & { accessory?: { action_id?: string; value?: string } };
    if (
      candidate.type !== 'section' ||
      candidate.accessory?.action_id !== ActionId.OpenEscalationForResponse ||
      candidate.accessory.value !== detractorButtonValue(responseId) ||
      !candidate.text
    ) {
      return candidate;
    }
    changed = true;
    const { accessory: _button, ...rest } = candidate;
    return {
      ...rest,
      text: { ...candidate.text, text: truncate(`${candidate.text.text}\n${note}`, 3000) },
    } as KnownBlock;
  });
  return changed ? next : null;
}
