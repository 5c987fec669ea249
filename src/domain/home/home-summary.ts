import { medianWait } from '../../db/repositories/escalation-digest';
import type { TEscalation } from '../../db/repositories/escalations';
import { type TThemeTicket, themesWaitingOnEngineering } from '../../db/repositories/theme-tickets';
import type { TDomainDeps } from '../deps';
import { severityRank } from '../escalations/vocabulary';
import { isoWeekOf } from '../time/zoned';

export interface THomeSummary {
  viewerId: string;
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

/** What an advocate sees on the App Home: their escalations, the unclaimed queue, and this week's numbers. */
export async function homeSummary(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  viewerId: string,
  timeZone: string,
): Promise<THomeSummary> {
  const prisma = deps.db.prisma;
  const now = deps.clock.now();
  const week = isoWeekOf(now, timeZone);
  const inWeek = { gte: week.start, lt: week.end };
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
