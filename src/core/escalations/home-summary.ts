import type { TDomainDeps } from '../shared/deps';
import { isoWeekOf } from '../shared/time/zoned';
import { type TThemeTicket, themesWaitingOnEngineering } from '../themes/theme-tickets-repository';
import { SEVERITIES, severityRank } from './escalation-vocabulary';
import {
  claimedByOwner,
  countClaimedByOwner,
  countFlaggedBetween,
  countFlaggedByReporter,
  countOpenEscalations,
  countUnclaimed,
  flaggedByReporter,
  type TEscalation,
  unclaimedOfEachSeverity,
} from './escalations-repository';
import { medianWait } from './escalations-repository-digest';
import { byTimeLeft } from './sla-clock';

export interface THomeSummary {
  viewerId: string;
  /** Advocates see their escalations and the queue; anyone else sees the escalations they flagged. */
  role: 'advocate' | 'agent';
  /** The viewer's own flagged escalations, newest first (agents only; empty for advocates). */
  flagged: TEscalation[];
  flaggedTotal: number;
  mine: TEscalation[];
  mineTotal: number;
  queue: TEscalation[];
  queueTotal: number;
  week: { label: string; flagged: number; claimed: number; resolved: number; openNow: number };
  medianClaimMs: number | null;
  medianResolveMs: number | null;
  /** Open themes with engineering tickets not all closed, longest waiting first (at most HOME_THEMES_LIMIT). */
  waitingOnEngineering: {
    id: number;
    title: string;
    status: string;
    ticketsClosedAt: Date | null;
    tickets: TThemeTicket[];
  }[];
}

export const HOME_THEMES_LIMIT = 10;

/** Shown at most per list; the home tab has 100 blocks and says how many more there are. */
export const HOME_LIST_LIMIT = 20;

const MOST_SEVERE_FIRST = [...SEVERITIES].reverse();

/**
 * What the App Home shows: to an advocate their escalations, the unclaimed queue and this week's numbers; to anyone
 * else (an agent) the escalations they flagged, with their status, and the same numbers.
 */
export async function homeSummary(
  deps: Pick<TDomainDeps, 'db' | 'clock' | 'slaPolicy'>,
  viewerId: string,
  timeZone: string,
  role: THomeSummary['role'] = 'advocate',
): Promise<THomeSummary> {
  const prisma = deps.db.prisma;
  const now = deps.clock.now();
  const week = isoWeekOf(now, timeZone);
  if (role === 'agent') {
    const [flagged, flaggedTotal, flaggedThisWeek, claims, resolutions, openNow] = await Promise.all([
      flaggedByReporter(prisma, viewerId, HOME_LIST_LIMIT),
      countFlaggedByReporter(prisma, viewerId),
      countFlaggedBetween(prisma, week.start, week.end),
      medianWait(prisma, 'claim', week.start, week.end),
      medianWait(prisma, 'resolve', week.start, week.end),
      countOpenEscalations(prisma),
    ]);
    return {
      viewerId,
      role,
      flagged,
      flaggedTotal,
      mine: [],
      mineTotal: 0,
      queue: [],
      queueTotal: 0,
      // Engineering tickets are the advocates' to chase; an agent's Home shows what they flagged.
      waitingOnEngineering: [],
      week: {
        label: week.label,
        flagged: flaggedThisWeek,
        claimed: claims.count,
        resolved: resolutions.count,
        openNow,
      },
      medianClaimMs: claims.medianMs,
      medianResolveMs: resolutions.medianMs,
    };
  }
  const [mine, mineTotal, queueRows, queueTotal, flagged, claims, resolutions, openNow, waiting] = await Promise.all([
    claimedByOwner(prisma, viewerId, HOME_LIST_LIMIT),
    countClaimedByOwner(prisma, viewerId),
    unclaimedOfEachSeverity(prisma, MOST_SEVERE_FIRST, HOME_LIST_LIMIT),
    countUnclaimed(prisma),
    countFlaggedBetween(prisma, week.start, week.end),
    medianWait(prisma, 'claim', week.start, week.end),
    medianWait(prisma, 'resolve', week.start, week.end),
    countOpenEscalations(prisma),
    themesWaitingOnEngineering(prisma, HOME_THEMES_LIMIT),
  ]);
  const bySeverity = queueRows
    .sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.createdAt.getTime() - b.createdAt.getTime(),
    )
    .slice(0, HOME_LIST_LIMIT);
  // Each advocate works down their queue by the time left on its SLA clock; severity breaks ties.
  const queue = deps.slaPolicy ? byTimeLeft(deps.slaPolicy, bySeverity, now) : bySeverity;
  if (deps.slaPolicy) mine.splice(0, mine.length, ...byTimeLeft(deps.slaPolicy, mine, now));
  return {
    viewerId,
    role,
    flagged: [],
    flaggedTotal: 0,
    mine,
    mineTotal,
    queue,
    queueTotal,
    week: { label: week.label, flagged, claimed: claims.count, resolved: resolutions.count, openNow },
    medianClaimMs: claims.medianMs,
    medianResolveMs: resolutions.medianMs,
    waitingOnEngineering: waiting,
  };
}
