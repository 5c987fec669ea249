import type { KnownBlock } from '@slack/types';
import type { TEscalation } from '../../db/repositories/escalations';
import type { TTimelineEntry } from '../../db/repositories/timeline';
import { escalationRef } from '../../domain/escalations/vocabulary';
import { formatAge } from '../../domain/time/durations';
import { escalationCard, severityLabel, statusLabel } from './escalation-card';
import {
  capBlocks,
  context,
  escapeMrkdwn,
  mention,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from './limits';

function listLine(escalation: TEscalation, now: Date) {
  const owner = escalation.ownerId ? mention(escalation.ownerId) : '_unclaimed_';
  const customer = escalation.customer ? escapeMrkdwn(escalation.customer.name) : '_no customer_';
  const unposted = escalation.postState !== 'posted' ? ' · :hourglass: card not posted yet' : '';
  return `*${escalationRef(escalation.id)}* · ${formatAge(escalation.createdAt, now)} · ${severityLabel(escalation.severity)} · ${statusLabel(escalation)} · ${owner} · ${customer}${unposted}\n${escapeMrkdwn(truncate(escalation.summary.split('\n')[0] ?? '', 140))}`;
}

/** `/advocate list`: a private list, packed several lines to a section so hundreds still fit. */
export function escalationListMessage(escalations: TEscalation[], total: number, now: Date): TMessage {
  if (escalations.length === 0)
    return { text: 'No open escalations.', blocks: [section(':white_check_mark: No open escalations.')] };
  const blocks: KnownBlock[] = [
    section(`*${total} open escalation${total === 1 ? '' : 's'}* (ID · age · severity · status · owner · customer)`),
  ];
  let chunk = '';
  for (const escalation of escalations) {
    const line = listLine(escalation, now);
    if (chunk.length + line.length + 2 > SlackLimits.sectionText) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk += (chunk ? '\n\n' : '') + line;
  }
  if (chunk) blocks.push(section(chunk));
  const shown = escalations.length;
  if (total > shown) blocks.push(context(`Showing the first ${shown} of ${total}.`));
  return {
    text: `${total} open escalations`,
    blocks: capBlocks(blocks, SlackLimits.messageBlocks, (hidden) => `…and more (${hidden} sections not shown).`),
  };
}

function timelineLine(entry: TTimelineEntry) {
  const change = entry.fromValue || entry.toValue ? ` ${entry.fromValue ?? '∅'} → ${entry.toValue ?? '∅'}` : '';
  const actor = /^[UW][A-Z0-9]+$/.test(entry.actorId) ? mention(entry.actorId) : entry.actorId;
  const detail = entry.detail ? ` (${escapeMrkdwn(truncate(entry.detail, 200))})` : '';
  return `${slackDate(entry.createdAt)} · ${actor} · *${entry.action}*${change} via ${entry.via}${detail}`;
}

/** `/advocate show ADV-n`: the card's content plus its timeline. */
export function escalationDetailMessage(escalation: TEscalation, timeline: TTimelineEntry[]): TMessage {
  const card = escalationCard(escalation);
  const cardBlocks = card.blocks.filter((block) => block.type !== 'actions');
  const lines = timeline.map(timelineLine);
  const timelineBlocks: KnownBlock[] = [];
  let chunk = '*Timeline*';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > SlackLimits.sectionText) {
      timelineBlocks.push(section(chunk));
      chunk = '';
    }
    chunk += (chunk ? '\n' : '') + line;
  }
  timelineBlocks.push(section(chunk));
  const cardLink =
    escalation.postState === 'posted'
      ? []
      : [
          context(
            `:hourglass: The card is not posted yet${escalation.lastPostError ? ` (${escalation.lastPostError})` : ''}; it will be retried.`,
          ),
        ];
  return {
    text: card.text,
    blocks: capBlocks(
      [...cardBlocks, ...cardLink, ...timelineBlocks],
      SlackLimits.messageBlocks,
      (hidden) => `${hidden} more timeline sections not shown.`,
    ),
  };
}
