import type { TDb } from './db/client';
import type { TimelineEntry } from './db/generated/sqlite';
import type { TSqlQueryable } from './db/sql';

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
  at?: Date;
}

export async function addTimelineEntry(db: TDb, entry: TTimelineInput): Promise<TTimelineEntry> {
  const { at, ...data } = entry;
  return db.timelineEntry.create({ data: { ...data, createdAt: at } });
}

/** `addTimelineEntry` as prepared SQL, for the hot paths; nothing is read back. */
export async function addTimelineEntryPrepared(q: TSqlQueryable, entry: TTimelineInput & { at: Date }) {
  await q.run(
    'INSERT INTO "TimelineEntry" ("escalationId","themeId","customerId","actorId","action","fromValue","toValue","via","detail","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?)',
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
}

export async function timelineOfEscalation(db: TDb, escalationId: number, limit = 200): Promise<TTimelineEntry[]> {
  return db.timelineEntry.findMany({
    where: { escalationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}
