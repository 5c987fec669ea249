import type { TDb } from './db/client';
import type { TSqlQueryable } from './db/sql';

/**
 * Records an event id (Slack's, or a webhook delivery's); true the first time, false for a retry of it (on any
 * replica, across restarts). One conflict-tolerant insert, as prepared SQL: every event Slack sends writes one.
 * Expired ids are purged by `purgeSeenEvents`; Slack retries within an hour, so a day's memory is ample.
 */
export async function markEventSeen(q: TSqlQueryable, eventId: string, now: Date, ttlMs = 24 * 3600_000) {
  const inserted = await q.run(
    'INSERT INTO "SeenEvent" ("eventId","expiresAt","createdAt") VALUES (?,?,?) ON CONFLICT ("eventId") DO NOTHING',
    [eventId, new Date(now.getTime() + ttlMs), now],
  );
  return inserted === 1;
}

/** Whether the id was recorded (and not purged); a prepared read, as every Slack event asks it. */
export async function eventSeenBefore(q: TSqlQueryable, eventId: string): Promise<boolean> {
  const rows = await q.all('SELECT 1 AS "seen" FROM "SeenEvent" WHERE "eventId" = ?', [eventId]);
  return rows.length > 0;
}

export async function forgetEvent(db: TDb, eventId: string) {
  await db.seenEvent.deleteMany({ where: { eventId } });
}

export async function purgeSeenEvents(db: TDb, now: Date) {
  const { count } = await db.seenEvent.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
