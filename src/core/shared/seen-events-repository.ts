import type { TDb } from './db/client';
import { isUniqueViolation } from './db/database-errors';
import type { TSqlQueryable } from './db/sql';

/**
 * Records a Slack event id; true the first time, false for a retry of it (on any replica, across restarts).
 * Expired ids are purged by `purgeSeenEvents`; Slack retries within an hour, so a day's memory is ample.
 */
export async function markEventSeen(db: TDb, eventId: string, now: Date, ttlMs = 24 * 3600_000): Promise<boolean> {
  try {
    await db.seenEvent.create({ data: { eventId, expiresAt: new Date(now.getTime() + ttlMs), createdAt: now } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** `markEventSeen` as prepared SQL: one conflict-tolerant insert for every event Slack sends. */
export async function markEventSeenPrepared(q: TSqlQueryable, eventId: string, now: Date, ttlMs = 24 * 3600_000) {
  const inserted = await q.run(
    'INSERT INTO "SeenEvent" ("eventId","expiresAt","createdAt") VALUES (?,?,?) ON CONFLICT ("eventId") DO NOTHING',
    [eventId, new Date(now.getTime() + ttlMs), now],
  );
  return inserted === 1;
}

export async function forgetEvent(db: TDb, eventId: string) {
  await db.seenEvent.deleteMany({ where: { eventId } });
}

export async function purgeSeenEvents(db: TDb, now: Date) {
  const { count } = await db.seenEvent.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
