import type { HomeView, KnownBlock } from '@slack/types';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import type { THomeSummary } from '../../core/escalations/home-summary';
import { describeSlaClock, readSlaClock, type TSlaDisplay } from '../../core/escalations/sla-clock';
import { mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { formatAge, formatDuration } from '../../core/shared/time/durations';
import {
  customerName,
  escalationCardButtons,
  severityLabel,
  statusLabel,
  summaryFirstLine,
} from '../escalations/escalation-card';
import { capBlocks, context, divider, header, SlackLimits, section } from '../kit/block-limits';
import { waitingOnEngineeringBlocks } from '../themes/theme-ticket-views';

function escalationRow(escalation: TEscalation, now: Date, viewerId: string | null, sla?: TSlaDisplay): KnownBlock[] {
  const customer = escalation.customer ? mrkdwn` · ${customerName(escalation.customer)}` : trusted('');
  const firstLine = summaryFirstLine(escalation, 200);
  // An agent's row says where it stands; an advocate's rows are all open or theirs, which the heading says.
  const status = viewerId === null ? mrkdwn` · *${statusLabel(escalation)}*` : trusted('');
  // The Home is drawn when opened, so the clock can say how long is left.
  const reading = sla && viewerId !== null ? readSlaClock(sla.policy, escalation, now) : null;
  const clock =
    reading && sla ? trusted(` · :stopwatch: ${describeSlaClock(reading, now, sla.timeZone, true)}`) : trusted('');
  const text = mrkdwn`*${escalationRef(escalation.id)}* ${severityLabel(escalation.severity)}${status} · ${formatAge(escalation.createdAt, now)} old${clock}${customer}\n${firstLine}`;
  if (viewerId === null) return [section(text)];
  const buttons = escalationCardButtons(escalation, viewerId);
  return [
    section(text),
    // One actions block per row keeps block ids unique; the buttons act exactly like the card's.
    ...(buttons.length ? [{ type: 'actions' as const, block_id: `home_${escalation.id}`, elements: buttons }] : []),
  ];
}

/** The App Home tab: 2 blocks per escalation × 20 per list × 2 lists + headers stays under 100 by construction. */
export function appHomeView(summary: THomeSummary, now: Date, notice?: string, sla?: TSlaDisplay): HomeView {
  const week = summary.week;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(mrkdwn`:warning: ${trusted(notice)}`));
  blocks.push(
    header(`Advocate · week ${week.label}`),
    section(
      mrkdwn`*${week.openNow}* open now · *${week.flagged}* flagged, *${week.claimed}* claimed, *${week.resolved}* resolved this week\nMedian time to claim: *${summary.medianClaimMs === null ? '—' : formatDuration(summary.medianClaimMs)}* · to resolve: *${summary.medianResolveMs === null ? '—' : formatDuration(summary.medianResolveMs)}*`,
    ),
    divider(),
  );
  if (summary.role === 'agent') {
    blocks.push(header(`Escalations you flagged (${summary.flaggedTotal})`));
    if (summary.flagged.length === 0)
      blocks.push(
        context(
          mrkdwn`None yet. Flag a conversation with \`/advocate <summary>\` or the *Flag for advocacy* shortcut.`,
        ),
      );
    for (const escalation of summary.flagged) blocks.push(...escalationRow(escalation, now, null));
    if (summary.flaggedTotal > summary.flagged.length)
      blocks.push(
        context(
          mrkdwn`…and ${summary.flaggedTotal - summary.flagged.length} more; \`/advocate show ADV-n\` shows any of them.`,
        ),
      );
    blocks.push(
      context(
        trusted('Advocates claim and resolve these; you get a DM when one of yours is claimed, resolved or reopened.'),
      ),
    );
    return {
      type: 'home',
      blocks: capBlocks(blocks, SlackLimits.viewBlocks, (hidden) => mrkdwn`${hidden} more blocks not shown.`),
    };
  }
  blocks.push(header(`Yours (${summary.mineTotal})`));
  if (summary.mine.length === 0)
    blocks.push(context(trusted('Nothing claimed by you. React :eyes: on a card or press *Claim*.')));
  for (const escalation of summary.mine) blocks.push(...escalationRow(escalation, now, summary.viewerId, sla));
  if (summary.mineTotal > summary.mine.length)
    blocks.push(context(mrkdwn`…and ${summary.mineTotal - summary.mine.length} more; \`/advocate list\` shows all.`));
  blocks.push(divider(), header(`Unclaimed queue (${summary.queueTotal})`));
  if (summary.queue.length === 0) blocks.push(context(trusted(':tada: Nobody is waiting.')));
  for (const escalation of summary.queue) blocks.push(...escalationRow(escalation, now, summary.viewerId, sla));
  if (summary.queueTotal > summary.queue.length)
    blocks.push(context(mrkdwn`…and ${summary.queueTotal - summary.queue.length} more unclaimed.`));
  const waiting = waitingOnEngineeringBlocks(summary.waitingOnEngineering ?? [], now);
  if (waiting.length) blocks.push(divider(), ...waiting);
  return {
    type: 'home',
    blocks: capBlocks(
      blocks,
      SlackLimits.viewBlocks,
      (hidden) => mrkdwn`${hidden} more blocks not shown; \`/advocate list\` shows everything.`,
    ),
  };
}
