/** The App Home's reads of escalations: the viewer's own lists, the unclaimed queue and this week's counts. */
import type { TDb } from '../client';
import type { TEscalation } from './escalations';

const withRelations = { tags: true, customer: true, theme: true } as const;

/** What an agent flagged: open ones first (what they wait for), then the most recently resolved; at most `limit`. */
export async function flaggedByReporter(db: TDb, reporterId: string, limit: number): Promise<TEscalation[]> {
  const [open, resolved] = await Promise.all([
    db.escalation.findMany({
      where: { reporterId, status: { not: 'resolved' } },
      include: withRelations,
      orderBy: [{ createdAt: 'desc' }],
      take: limit,
    }),
    db.escalation.findMany({
      where: { reporterId, status: 'resolved' },
      include: withRelations,
      orderBy: [{ resolvedAt: 'desc' }],
      take: limit,
    }),
  ]);
  return [...open, ...resolved].slice(0, limit);
}

export function countFlaggedByReporter(db: TDb, reporterId: string): Promise<number> {
  return db.escalation.count({ where: { reporterId } });
}

export function countFlaggedBetween(db: TDb, from: Date, to: Date): Promise<number> {
  return db.escalation.count({ where: { createdAt: { gte: from, lt: to } } });
}

/** An advocate's claimed escalations, oldest first; at most `limit`. */
export function claimedByOwner(db: TDb, ownerId: string, limit: number): Promise<TEscalation[]> {
  return db.escalation.findMany({
    where: { ownerId, status: 'claimed' },
    include: withRelations,
    orderBy: [{ createdAt: 'asc' }],
    take: limit,
  });
}

export function countClaimedByOwner(db: TDb, ownerId: string): Promise<number> {
  return db.escalation.count({ where: { ownerId, status: 'claimed' } });
}

/**
 * The oldest `limit` unclaimed escalations of each severity (the queue is ordered by severity, a word, then age: the
 * caller merges these bounded lists).
 */
export async function unclaimedOfEachSeverity(
  db: TDb,
  severities: readonly string[],
  limit: number,
): Promise<TEscalation[]> {
  const lists = await Promise.all(
    severities.map((severity) =>
      db.escalation.findMany({
        where: { status: 'open', severity },
        include: withRelations,
        orderBy: [{ createdAt: 'asc' }],
        take: limit,
      }),
    ),
  );
  return lists.flat();
}

export function countUnclaimed(db: TDb): Promise<number> {
  return db.escalation.count({ where: { status: 'open' } });
}
