import type { KnownBlock } from '@slack/types';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TMetCount, TSlaWeek } from '../../core/escalations/sla-report';
import { type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { formatDuration } from '../../core/shared/time/durations';
import { context, section } from '../kit/block-limits';

/** Breaches named in the report; the rest are counted. */
const BREACHES_SHOWN = 40;

const met = (tally: TMetCount) =>
  tally.settled === 0 ? '—' : `${Math.round((100 * tally.met) / tally.settled)}% (${tally.met}/${tally.settled})`;
const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

/**
 * The weekly report's SLA part, in three blocks at most: met % overall, per severity and per tier; median and p90
 * time to claim and to resolve in business hours; the breaches by name.
 */
export function slaWeekBlocks(week: TSlaWeek): KnownBlock[] {
  if (week.flagged === 0) return [section(trusted('*SLAs*\nNo escalations were flagged this week.'))];
  const lines: Mrkdwn[] = [
    mrkdwn`*SLAs* (the ${week.flagged} escalations flagged this week; a target still running is not counted yet)`,
    mrkdwn`Met: claim ${met(week.overall.claim)} · resolve ${met(week.overall.resolve)}`,
    mrkdwn`By severity: ${trusted(week.bySeverity.map((row) => `${row.severity} claim ${met(row.claim)}, resolve ${met(row.resolve)}`).join(' · '))}`,
    mrkdwn`By tier: ${trusted(week.byTier.map((row) => `${row.tier ?? 'no tier'} claim ${met(row.claim)}, resolve ${met(row.resolve)}`).join(' · '))}`,
    mrkdwn`Time to claim (business hours): median ${duration(week.timeTo.claim.medianMs)}, p90 ${duration(week.timeTo.claim.p90Ms)} · to resolve: median ${duration(week.timeTo.resolve.medianMs)}, p90 ${duration(week.timeTo.resolve.p90Ms)}`,
  ];
  const blocks: KnownBlock[] = [section(trusted(lines.map((line) => line.text).join('\n')))];
  if (week.breaches.length) {
    const named = week.breaches
      .slice(0, BREACHES_SHOWN)
      .map((breach) => `${escalationRef(breach.id)} (${breach.target})`)
      .join(', ');
    const more = week.breaches.length > BREACHES_SHOWN ? ` and ${week.breaches.length - BREACHES_SHOWN} more` : '';
    blocks.push(context(trusted(`:rotating_light: Breaches: ${named}${more}`)));
  }
  return blocks;
}
