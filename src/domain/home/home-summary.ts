import { medianWait } from '../../db/repositories/escalation-digest';
import type { TEscalation } from '../../db/repositories/escalations';
import { type TThemeTicket, themesWaitingOnEngineering } from '../../db/repositories/theme-tickets';
import type { TDomainDeps } from '../deps';
import { severityRank } from '../escalations/vocabulary';
import { isoWeekOf } from '../time/zoned';

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

const withRelations = { tags: true, customer: true, theme: true } as const;

/**
 * What the App Home shows: to an advocate their escalations, the unclaimed queue and this week's numbers; to anyone
 * else (an agent) the escalations they flagged, with their status, and the same numbers.
 */
export async function homeSummary(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  viewerId: string,
  timeZone: string,
  role: THomeSummary['role'] = 'advocate',
): Promise<THomeSummary> {
  const prisma = deps.db.prisma;
  const now = deps.clock.now();
  const week = isoWeekOf(now, timeZone);
  const inWeek = { gte: week.start, lt: week.end };
  if (role === 'agent') {
    const [flagged, flaggedTotal, flaggedThisWeek, claims, resolutions, openNow] = await Promise.all([
      // Open ones first (what the agent waits for), then the most recently resolved.
      Promise.all([
        prisma.escalation.findMany({
          where: { reporterId: viewerId, status: { not: 'resolved' } },
          include: withRelations,
          orderBy: [{ createdAt: 'desc' }],
          take: HOME_LIST_LIMIT,
        }),
        prisma.escalation.findMany({
          where: { reporterId: viewerId, status: 'resolved' },
          include: withRelations,
          orderBy: [{ resolvedAt: 'desc' }],
          take: HOME_LIST_LIMIT,
        }),
      ]).then(([open, resolved]) => [...open, ...resolved].slice(0, HOME_LIST_LIMIT)),
      prisma.escalation.count({ where: { reporterId: viewerId } }),
      prisma.escalation.count({ where: { createdAt: inWeek } }),
      medianWait(prisma, 'claim', week.start, week.end),
      medianWait(prisma, 'resolve', week.start, week.end),
      prisma.escalation.count({ where: { status: { not: 'resolved' } } }),
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
    prisma.escalation.findMany({
      where: { ownerId: viewerId, status: 'claimed' },
      include: withRelations,
      orderBy: [{ createdAt: 'asc' }],
      take: HOME_LIST_LIMIT,
    }),
    prisma.escalation.count({ where: { ownerId: viewerId, status: 'claimed' } }),
    // The queue is ordered by severity then age; severity is a word, so fetch a bounded set per severity.
    Promise.all(
      ['critical', 'high', 'medium', 'low'].map((severity) =>
        prisma.escalation.findMany({
          where: { status: 'open', severity },
          include: withRelations,
          orderBy: [{ createdAt: 'asc' }],
          take: HOME_LIST_LIMIT,
        }),
      ),
    ),
    prisma.escalation.count({ where: { status: 'open' } }),
    prisma.escalation.count({ where: { createdAt: inWeek } }),
    medianWait(prisma, 'claim', week.start, week.end),
    medianWait(prisma, 'resolve', week.start, week.end),
    prisma.escalation.count({ where: { status: { not: 'resolved' } } }),
    themesWaitingOnEngineering(prisma, HOME_THEMES_LIMIT),
  ]);
  const queue = queueRows
    .flat()
    .sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.createdAt.getTime() - b.createdAt.getTime(),
    )
    .slice(0, HOME_LIST_LIMIT);
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
