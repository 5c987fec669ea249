import type { TDb } from '../client';
import type { Customer, Escalation } from '../generated/sqlite';

/** Queries behind the open digest; each is bounded so that thousands of escalations cost the same few queries. */

export type TDigestEscalation = Pick<
  Escalation,
  'id' | 'severity' | 'status' | 'summary' | 'ownerId' | 'createdAt' | 'cardChannelId' | 'cardTs' | 'postState'
> & { customer: Pick<Customer, 'name'> | null };

const digestFields = {
  id: true,
  severity: true,
  status: true,
  summary: true,
  ownerId: true,
  createdAt: true,
  cardChannelId: true,
  cardTs: true,
  postState: true,
  customer: { select: { name: true } },
} as const;

/** How many unresolved escalations there are per (severity, status). */
export async function countUnresolvedBySeverityAndStatus(
  db: TDb,
): Promise<{ severity: string; status: string; count: number }[]> {
  const groups = await db.escalation.groupBy({
    by: ['severity', 'status'],
    where: { status: { not: 'resolved' } },
    _count: { _all: true },
  });
  return groups.map((group) => ({ severity: group.severity, status: group.status, count: group._count._all }));
}

/** Unclaimed escalations, oldest first. */
export async function oldestUnclaimed(db: TDb, limit: number): Promise<TDigestEscalation[]> {
  return db.escalation.findMany({
    where: { status: 'open' },
    select: digestFields,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** Who holds which claimed escalations: only ids and owners, so it stays cheap with thousands. */
export async function claimedHoldings(db: TDb): Promise<{ id: number; ownerId: string | null }[]> {
  return db.escalation.findMany({
    where: { status: 'claimed' },
    select: { id: true, ownerId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** Escalations claimed or resolved since `since`, with the times the medians need. */
export async function claimedOrResolvedSince(
  db: TDb,
  since: Date,
): Promise<{ createdAt: Date; claimedAt: Date | null; resolvedAt: Date | null; status: string }[]> {
  return db.escalation.findMany({
    where: { OR: [{ claimedAt: { gte: since } }, { resolvedAt: { gte: since } }] },
    select: { createdAt: true, claimedAt: true, resolvedAt: true, status: true },
  });
}

export async function flaggedBetween(db: TDb, from: Date, to: Date, limit: number) {
  const where = { createdAt: { gte: from, lt: to } };
  const [count, rows] = await Promise.all([
    db.escalation.count({ where }),
    db.escalation.findMany({ where, select: { id: true }, orderBy: { id: 'asc' }, take: limit }),
  ]);
  return { count, ids: rows.map((row) => row.id) };
}

export async function resolvedBetween(db: TDb, from: Date, to: Date, limit: number) {
  const where = { status: 'resolved', resolvedAt: { gte: from, lt: to } };
  const [count, rows] = await Promise.all([
    db.escalation.count({ where }),
    db.escalation.findMany({ where, select: { id: true }, orderBy: { id: 'asc' }, take: limit }),
  ]);
  return { count, ids: rows.map((row) => row.id) };
}
