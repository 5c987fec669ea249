import type { KnownBlock } from '@slack/types';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { fromOutside, fromSlack, type Mrkdwn, mrkdwn, mrkdwnChunks, trusted } from '../../core/shared/text/mrkdwn';
import { formatAge } from '../../core/shared/time/durations';
import type { TTimelineEntry } from '../../core/shared/timeline-repository';
import {
  capBlocks,
  context,
  mention,
  message,
  packedSections,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import {
  CARD_SUMMARY_BLOCK,
  customerName,
  escalationCard,
  severityLabel,
  statusLabel,
  summaryFirstLine,
  summaryIsCut,
  summaryText,
} from './escalation-card';

function listLine(escalation: TEscalation, now: Date): Mrkdwn {
  // "claimed by @bob" already names the owner; an open one says it is unclaimed.
  const owner =
    escalation.status === 'claimed' && escalation.ownerId
      ? trusted('')
      : escalation.ownerId
        ? mrkdwn` · ${mention(escalation.ownerId)}`
        : trusted(' · _unclaimed_');
  const customer = escalation.customer ? customerName(escalation.customer) : trusted('_no customer_');
  const unposted = escalation.postState !== 'posted' ? ' · :hourglass: card not posted yet' : '';
  const firstLine = summaryFirstLine(escalation, 140);
  return mrkdwn`*${escalationRef(escalation.id)}* · ${formatAge(escalation.createdAt, now)} · ${severityLabel(escalation.severity)} · ${statusLabel(escalation)}${owner} · ${customer}${unposted}\n${firstLine}`;
}

/** `/advocate list`: a private list, packed several lines to a section so hundreds still fit. */
export function escalationListMessage(escalations: TEscalation[], total: number, now: Date): TMessage {
  if (escalations.length === 0)
    return message(trusted('No open escalations.'), [section(trusted(':white_check_mark: No open escalations.'))]);
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`*${total} open escalation${total === 1 ? '' : 's'}* (ID · age · severity · status · owner · customer)`,
    ),
    ...packedSections(
      escalations.map((escalation) => listLine(escalation, now)),
      null,
      '\n\n',
    ),
  ];
  const shown = escalations.length;
  if (total > shown) blocks.push(context(mrkdwn`Showing the first ${shown} of ${total}.`));
  return message(
    mrkdwn`${total} open escalations`,
    capBlocks(blocks, SlackLimits.messageBlocks, (hidden) => mrkdwn`…and more (${hidden} sections not shown).`),
  );
}

const isUserId = (value: string) => /^[UW][A-Z0-9]{2,}$/.test(value);
/** A person (a reassignment's from and to) as a mention Slack shows by name; a status or severity as the word. */
const timelineValue = (value: string | null) => (value === null ? '∅' : isUserId(value) ? mention(value) : value);

function timelineLine(entry: TTimelineEntry): Mrkdwn {
  const change =
    entry.fromValue || entry.toValue
      ? mrkdwn` ${timelineValue(entry.fromValue)} → ${timelineValue(entry.toValue)}`
      : trusted('');
  const actor = isUserId(entry.actorId) ? mention(entry.actorId) : entry.actorId;
  // A detractor's detail quotes the customer's comment: never a mention. Other details are Advocate's or an advocate's.
  const source = entry.action === 'detractor response' ? fromOutside : fromSlack;
  // A reassignment's detail repeats its from → to, which now shows the two people: leave out the repeat.
  const said =
    entry.action === 'reassigned'
      ? entry.detail?.replace(/^from <@[A-Z0-9]+> to <@[A-Z0-9]+>(; )?/, '') || null
      : entry.detail;
  const detail = said ? mrkdwn` (${source(truncate(said, 200))})` : trusted('');
  return mrkdwn`${slackDate(entry.createdAt)} · ${actor} · *${entry.action}*${change} via ${entry.via}${detail}`;
}

/**
 * The whole summary, a section of at most 3,000 characters each. Also the messages that can carry it in the
 * card's thread (see `fullSummaryThreadMessages`).
 */
export function fullSummarySections(escalation: TEscalation): KnownBlock[] {
  return mrkdwnChunks(summaryText(escalation), SlackLimits.sectionText).map((chunk) => section(chunk));
}

/**
 * The whole summary as thread replies under the card, one section each, for a summary too long for the card.
 * Empty when the card shows it all. (Not yet posted by the outbox: `/advocate show ADV-n` shows it meanwhile.)
 */
export function fullSummaryThreadMessages(escalation: TEscalation): TMessage[] {
  if (!summaryIsCut(escalation)) return [];
  const chunks = mrkdwnChunks(summaryText(escalation), SlackLimits.sectionText);
  return chunks.map((chunk, i) =>
    message(mrkdwn`Full text of ${escalationRef(escalation.id)} (${i + 1}/${chunks.length})`, [section(chunk)]),
  );
}

/** `/advocate show ADV-n`: the card's content plus its timeline. */
export function escalationDetailMessage(escalation: TEscalation, timeline: TTimelineEntry[], now?: Date): TMessage {
  const card = escalationCard(escalation, now);
  const cut = summaryIsCut(escalation);
  const cardBlocks = card.blocks.filter(
    (block) => block.type !== 'actions' && !(cut && 'block_id' in block && block.block_id === CARD_SUMMARY_BLOCK),
  );
  const timelineBlocks = packedSections(timeline.map(timelineLine), trusted('*Timeline*'), '\n');
  // The card shows the start of a long summary; here it is whole, in place of the card's cut one.
  const summaryBlocks = cut
    ? [
        section(mrkdwn`*Full summary* (${escalation.summary.length.toLocaleString('en-US')} characters)`),
        ...fullSummarySections(escalation),
      ]
    : [];
  const cardLink =
    escalation.postState === 'posted'
      ? []
      : [
          context(
            mrkdwn`:hourglass: The card is not posted yet${escalation.lastPostError ? ` (${escalation.lastPostError})` : ''}; it will be retried.`,
          ),
        ];
  return {
    text: card.text,
    blocks: capBlocks(
      [...cardBlocks, ...summaryBlocks, ...cardLink, ...timelineBlocks],
      SlackLimits.messageBlocks,
      (hidden) => mrkdwn`${hidden} more sections not shown.`,
    ),
  };
}
