import type { HomeView, KnownBlock } from '@slack/types';
import type { TEscalation } from '../../db/repositories/escalations';
import { escalationRef } from '../../domain/escalations/vocabulary';
import type { THomeSummary } from '../../domain/home/home-summary';
import { formatAge, formatDuration } from '../../domain/time/durations';
import { escalationCardButtons, severityLabel } from './escalation-card';
import { capBlocks, context, divider, escapeMrkdwn, header, SlackLimits, section, truncate } from './limits';

function escalationRow(escalation: TEscalation, now: Date): KnownBlock[] {
  const customer = escalation.customer ? ` · ${escapeMrkdwn(escalation.customer.name)}` : '';
  const text = `*${escalationRef(escalation.id)}* ${severityLabel(escalation.severity)} · ${formatAge(escalation.createdAt, now)} old${customer}\n${escapeMrkdwn(truncate(escalation.summary.split('\n')[0] ?? '', 200))}`;
  return [
    section(text),
    // One actions block per row keeps block ids unique; the buttons act exactly like the card's.
    { type: 'actions', block_id: `home_${escalation.id}`, elements: escalationCardButtons(escalation) },
  ];
}

/** The App Home tab: 2 blocks per escalation × 20 per list × 2 lists + headers stays under 100 by construction. */
export function appHomeView(summary: THomeSummary, now: Date, notice?: string): HomeView {
  const week = summary.week;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(`:warning: ${notice}`));
  blocks.push(
    header(`Advocate · week ${week.label}`),
    section(
      `*${week.openNow}* open now · *${week.flagged}* flagged, *${week.claimed}* claimed, *${week.resolved}* resolved this week\nMedian time to claim: *${summary.medianClaimMs === null ? '—' : formatDuration(summary.medianClaimMs)}* · to resolve: *${summary.medianResolveMs === null ? '—' : formatDuration(summary.medianResolveMs)}*`,
    ),
    divider(),
    header(`Yours (${summary.mineTotal})`),
  );
  if (summary.mine.length === 0)
    blocks.push(context('Nothing claimed by you. React :eyes: on a card or press *Claim*.'));
  for (const escalation of summary.mine) blocks.push(...escalationRow(escalation, now));
  if (summary.mineTotal > summary.mine.length)
    blocks.push(context(`…and ${summary.mineTotal - summary.mine.length} more; \`/advocate list\` shows all.`));
  blocks.push(divider(), header(`Unclaimed queue (${summary.queueTotal})`));
  if (summary.queue.length === 0) blocks.push(context(':tada: Nobody is waiting.'));
  for (const escalation of summary.queue) blocks.push(...escalationRow(escalation, now));
  if (summary.queueTotal > summary.queue.length)
    blocks.push(context(`…and ${summary.queueTotal - summary.queue.length} more unclaimed.`));
  return {
    type: 'home',
    blocks: capBlocks(
      blocks,
      SlackLimits.viewBlocks,
      (hidden) => `${hidden} more blocks not shown; \`/advocate list\` shows everything.`,
    ),
  };
}
