import type { TDb } from './db/client';
import type { TimelineEntry } from './db/generated/sqlite';
import { readInt, type TSqlQueryable } from './db/sql';

export type TTimelineEntry = TimelineEntry;
export type TVia = 'reaction' | 'button' | 'command' | 'modal' | 'shortcut' | 'home' | 'webhook' | 'import' | 'system';

export interface TTimelineInput {
  escalationId?: number;
  themeId?: number;
  customerId?: number;
  actorId: string;
  action: string;
  fromValue?: string | null;
  toValue?: string | null;
  via: TVia;
  detail?: string;
  at: Date;
}

/**
 * Writes one line of a timeline, inside the transaction of the change it records. Prepared SQL: every flag and
 * every reaction writes one (docs/performance.md); the id comes back for outbox keys that name the entry.
 */
export async function addTimelineEntry(q: TSqlQueryable, entry: TTimelineInput): Promise<{ id: number }> {
  const [row] = await q.all(
    'INSERT INTO "TimelineEntry" ("escalationId","themeId","customerId","actorId","action","fromValue","toValue","via","detail","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING "id"',
    [
      entry.escalationId ?? null,
      entry.themeId ?? null,
      entry.customerId ?? null,
      entry.actorId,
      entry.action,
      entry.fromValue ?? null,
      entry.toValue ?? null,
      entry.via,
      entry.detail ?? null,
      entry.at,
    ],
  );
  return { id: readInt(row!.id) };
}

export async function timelineOfEscalation(db: TDb, escalationId: number, limit = 200): Promise<TTimelineEntry[]> {
  return db.timelineEntry.findMany({
    where: { escalationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** Theme and customer pairs that have an entry with this action (e.g. "customer told"), for these themes. */
export async function themeCustomerPairsWithAction(db: TDb, themeIds: number[], action: string) {
  const rows = await db.timelineEntry.findMany({
    where: { themeId: { in: themeIds }, action, customerId: { not: null } },
    select: { themeId: true, customerId: true },
  });
  return rows.map((row) => ({ themeId: row.themeId!, customerId: row.customerId! }));
}

/** The first entry with this action for this theme and customer, if any. */
export async function firstThemeCustomerEntry(db: TDb, themeId: number, customerId: number, action: string) {
  return db.timelineEntry.findFirst({
    where: { themeId, customerId, action },
    select: { createdAt: true },
    orderBy: { id: 'asc' },
  });
}
