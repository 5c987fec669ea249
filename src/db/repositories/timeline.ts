import type { TDb } from '../client';
import type { TimelineEntry } from '../generated/sqlite';

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

export async function timelineOfEscalation(db: TDb, escalationId: number, limit = 200): Promise<TTimelineEntry[]> {
  return db.timelineEntry.findMany({
    where: { escalationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}
