import type { TDb } from '../shared/db/client';
import { isUniqueViolation } from '../shared/db/database-errors';
import type { TSqlQueryable } from '../shared/db/sql';

/** The one repository of the Storm table (and of Escalation.stormId, which says which storm an escalation is in). */
export interface TStorm {
  id: number;
  channelId: string;
  openedAt: Date;
  lastFlagAt: Date;
  closedAt: Date | null;
  messageTs: string | null;
  themeId: number | null;
}

const STORM_SELECT = {
  id: true,
  channelId: true,
  openedAt: true,
  lastFlagAt: true,
  closedAt: true,
  messageTs: true,
  themeId: true,
} as const;

export const findStorm = (db: TDb, id: number): Promise<TStorm | null> =>
  db.storm.findUnique({ where: { id }, select: STORM_SELECT });

export const findOpenStorm = (db: TDb, channelId: string): Promise<TStorm | null> =>
  db.storm.findUnique({ where: { openKey: channelId }, select: STORM_SELECT });

/** The storm an escalation was rolled into, open or over. */
export async function stormOfEscalation(db: TDb, escalationId: number): Promise<TStorm | null> {
  const row = await db.escalation.findUnique({ where: { id: escalationId }, select: { stormId: true } });
  return row?.stormId ? findStorm(db, row.stormId) : null;
}

/** Escalations flagged in [from, to], whatever became of them since. */
export const countFlaggedBetween = (db: TDb, from: Date, to: Date): Promise<number> =>
  db.escalation.count({ where: { createdAt: { gte: from, lte: to } } });

/**
 * Opens the channel's storm, or finds the one another replica opened first: the unique open key lets only one be
 * open per channel.
 */
export async function openStorm(db: TDb, channelId: string, firstFlagAt: Date, lastFlagAt: Date): Promise<TStorm> {
  try {
    return await db.storm.create({
      data: { channelId, openKey: channelId, openedAt: firstFlagAt, lastFlagAt },
      select: STORM_SELECT,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const open = await findOpenStorm(db, channelId);
    if (!open) throw error;
    return open;
  }
}

/**
 * Rolls every escalation flagged in [from, to] that is in no storm yet into this one, and moves its last flag
 * forward; resolves with how many joined.
 */
export async function joinStorm(db: TDb, stormId: number, from: Date, to: Date): Promise<number> {
  const { count } = await db.escalation.updateMany({
    where: { stormId: null, createdAt: { gte: from, lte: to } },
    data: { stormId },
  });
  await db.storm.updateMany({ where: { id: stormId, lastFlagAt: { lt: to } }, data: { lastFlagAt: to } });
  return count;
}

/** Closes the open storms no flag joined for `windowMs`; resolves with those this call closed (once, across replicas). */
export async function closeQuietStorms(db: TDb, now: Date, windowMs: number): Promise<TStorm[]> {
  const quiet = await db.storm.findMany({
    where: { openKey: { not: null }, lastFlagAt: { lt: new Date(now.getTime() - windowMs) } },
    select: STORM_SELECT,
  });
  const closed: TStorm[] = [];
  for (const storm of quiet) {
    const { count } = await db.storm.updateMany({
      where: { id: storm.id, openKey: { not: null } },
      data: { openKey: null, closedAt: now },
    });
    if (count === 1) closed.push({ ...storm, closedAt: now });
  }
  return closed;
}

export async function recordStormPosted(q: TSqlQueryable, stormId: number, ts: string): Promise<void> {
  await q.run(`UPDATE "Storm" SET "messageTs" = ? WHERE "id" = ?`, [ts, stormId]);
}

/** Records the theme a storm's escalations went to; false when another press got there first. */
export async function recordStormTheme(db: TDb, stormId: number, themeId: number): Promise<boolean> {
  const { count } = await db.storm.updateMany({ where: { id: stormId, themeId: null }, data: { themeId } });
  return count === 1;
}

export async function stormEscalationIds(db: TDb, stormId: number): Promise<number[]> {
  const rows = await db.escalation.findMany({ where: { stormId }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}

export interface TStormEscalation {
  id: number;
  summary: string;
  severity: string;
  customer: string | null;
  tags: string[];
  createdAt: Date;
}

export async function stormEscalations(db: TDb, stormId: number): Promise<TStormEscalation[]> {
  const rows = await db.escalation.findMany({
    where: { stormId },
    select: {
      id: true,
      summary: true,
      severity: true,
      createdAt: true,
      customer: { select: { name: true } },
      tags: { select: { tag: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    summary: row.summary,
    severity: row.severity,
    createdAt: row.createdAt,
    customer: row.customer?.name ?? null,
    tags: row.tags.map((t) => t.tag),
  }));
}
