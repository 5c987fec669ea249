import type { TDb } from '../shared/db/client';
import type { Customer, Escalation } from '../shared/db/generated/sqlite';
import { OPEN_STATUSES } from './escalation-vocabulary';

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
    where: { status: { in: OPEN_STATUSES } },
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

/**
 * Who holds how many claimed escalations, most first, with each holder's oldest few ids: one grouped count and one
 * small query per holder shown, however many escalations are claimed.
 */
export async function claimedHoldings(
  db: TDb,
  options: { holders: number; idsPerHolder: number },
): Promise<{ ownerId: string; count: number; escalationIds: number[] }[]> {
  const groups = await db.escalation.groupBy({
    by: ['ownerId'],
    where: { status: 'claimed', ownerId: { not: null } },
    _count: { _all: true },
  });
  const ranked = groups
    .map((group) => ({ ownerId: group.ownerId!, count: group._count._all }))
    .sort((a, b) => b.count - a.count || a.ownerId.localeCompare(b.ownerId));
  return Promise.all(
    ranked.map(async (holder, index) => ({
      ...holder,
      escalationIds:
        index < options.holders
          ? (
              await db.escalation.findMany({
                where: { status: 'claimed', ownerId: holder.ownerId },
                select: { id: true },
                orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
                take: options.idsPerHolder,
              })
            ).map((row) => row.id)
          : [],
    })),
  );
}

export type TWaitKind = 'claim' | 'resolve';

/**
 * The median wait (flag → claim, or flag → resolution) of escalations claimed or resolved in [from, to), computed in
 * the database: a count, then the middle row(s) in wait order, so no rows are shipped to JavaScript.
 */
export async function medianWait(
  db: TDb,
  kind: TWaitKind,
  from: Date,
  to: Date,
): Promise<{ medianMs: number | null; count: number }> {
  const column = kind === 'claim' ? 'claimWaitSeconds' : 'resolveWaitSeconds';
  const where =
    kind === 'claim'
      ? { claimedAt: { gte: from, lt: to }, claimWaitSeconds: { not: null } }
      : { status: 'resolved', resolvedAt: { gte: from, lt: to }, resolveWaitSeconds: { not: null } };
  const count = await db.escalation.count({ where });
  if (count === 0) return { medianMs: null, count };
  const middle = await db.escalation.findMany({
    where,
    select: { claimWaitSeconds: true, resolveWaitSeconds: true },
    orderBy: { [column]: 'asc' },
    skip: Math.floor((count - 1) / 2),
    take: count % 2 === 1 ? 1 : 2,
  });
  const seconds = middle.map((row) => row[column] ?? 0);
  return { medianMs: (seconds.reduce((sum, value) => sum + value, 0) / seconds.length) * 1000, count };
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
