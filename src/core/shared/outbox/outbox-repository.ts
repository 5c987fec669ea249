import type { TDb } from '../db/client';
import { readInt, type TSqlQueryable } from '../db/sql';
import { type TOutboxItem, type TOutboxMessage, ZOutboxMessage } from './outbox-messages';

/** Rows per INSERT: 6 values each (7 leased) stays far below SQLite's and PostgreSQL's limits on bound parameters. */
const ENQUEUE_BATCH = 500;

/**
 * Queues messages; keys already queued are skipped, which is what makes repeated changes silent. One statement per
 * batch of 500, and the unique index on `dedupeKey` decides what is new: a key queued by a concurrent transaction
 * is skipped, never a unique-constraint error. Resolves with the ids of the rows it inserted, in the items' order.
 * Inside a Prisma transaction, pass `sqlOverPrisma(provider, tx)`.
 */
export async function enqueueOutbox(
  q: TSqlQueryable,
  items: TOutboxItem[],
  now: Date,
  /** Due then instead of at once (a coalesced update). */
  notBefore: Date = now,
): Promise<number[]> {
  const seen = new Set<string>();
  const fresh = items.filter((item) => !seen.has(item.dedupeKey) && seen.add(item.dedupeKey));
  const ids: number[] = [];
  for (let start = 0; start < fresh.length; start += ENQUEUE_BATCH) {
    const batch = fresh.slice(start, start + ENQUEUE_BATCH);
    const rows = await q.all(
      `INSERT INTO "OutboxMessage" ("dedupeKey","kind","payload","status","attempts","nextAttemptAt","leaseUntil","createdAt")
       VALUES ${batch.map(() => "(?,?,?,'pending',0,?,NULL,?)").join(',')}
       ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`,
      batch.flatMap((item) => [item.dedupeKey, item.message.kind, JSON.stringify(item.message), notBefore, now]),
    );
    // Ids are assigned in VALUES order; RETURNING's own order is not promised.
    ids.push(...rows.map((row) => readInt(row.id)).sort((a, b) => a - b));
  }
  return ids;
}

export async function dueOutboxIds(db: TDb, now: Date, limit = 50): Promise<number[]> {
  const rows = await db.outboxMessage.findMany({
    // Leased rows are being sent right now (by the process that wrote them, or another replica): not due.
    where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Takes a row for `leaseMs` so that one replica sends it; null if another holds it or it is done. */
export async function leaseOutboxMessage(
  db: TDb,
  id: number,
  now: Date,
  leaseMs: number,
): Promise<TLeasedOutboxMessage | null> {
  const before = await db.outboxMessage.findUnique({ where: { id }, select: { leaseUntil: true } });
  const { count } = await db.outboxMessage.updateMany({
    where: { id, status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  if (count !== 1) return null;
  const row = await db.outboxMessage.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id,
    dedupeKey: row.dedupeKey,
    attempts: row.attempts,
    message: ZOutboxMessage.parse(JSON.parse(row.payload)),
    createdAt: row.createdAt,
    lastError: row.lastError,
    // An earlier holder's lease ran out: it may have sent the message before it died.
    leaseExpired: before?.leaseUntil != null,
    maybeSentSince: row.maybeSentSince,
  };
}

/**
 * Ends every lease still running, so that what a killed process was sending goes out now rather than when its lease
 * (60 s) runs out. Only for a caller that knows no live process holds one: on SQLite the instance holding the file's
 * exclusive lock (src/app/single-instance.ts) is the one server, so a lease found at its start is its dead
 * predecessor's. The lease is set in the past rather than cleared: a lease that ran out tells the next sender the
 * message may already be in Slack, so it looks before posting. Resolves with how many were taken back.
 */
export async function expireOutboxLeases(db: TDb, now: Date): Promise<number> {
  const { count } = await db.outboxMessage.updateMany({
    where: { status: 'pending', leaseUntil: { gte: now } },
    data: { leaseUntil: new Date(0) },
  });
  return count;
}

/**
 * Gives up on a message: `dead` rows are never sent again (no drain picks them), and stay for someone to look at
 * (`/healthz` counts them). True when this call made it dead, so it is logged once.
 */
export async function markOutboxDead(db: TDb, id: number, error: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'dead', leaseUntil: null, lastError: error, attempts: { increment: 1 } },
  });
  return count === 1;
}

export async function countDeadOutbox(db: TDb): Promise<number> {
  return db.outboxMessage.count({ where: { status: 'dead' } });
}

/** Deletes messages sent before `before` (the hourly purge keeps a week); pending and dead rows stay. */
export async function purgeSentOutbox(db: TDb, before: Date): Promise<number> {
  const { count } = await db.outboxMessage.deleteMany({ where: { status: 'sent', sentAt: { lt: before } } });
  return count;
}

export async function rescheduleOutbox(
  db: TDb,
  id: number,
  options: { at: Date; error?: string; countAttempt: boolean; maybeSentSince?: Date },
) {
  await db.outboxMessage.update({
    where: { id },
    data: {
      nextAttemptAt: options.at,
      leaseUntil: null,
      lastError: options.error,
      attempts: options.countAttempt ? { increment: 1 } : undefined,
      // Only ever set here: the send being recorded (markOutboxSent) is what clears it.
      maybeSentSince: options.maybeSentSince,
    },
  });
}

/** A queued message this process holds the lease of from the moment it was written (see `enqueueOutboxLeased`). */
export interface TLeasedOutboxMessage {
  id: number;
  dedupeKey: string;
  attempts: number;
  message: TOutboxMessage;
  createdAt: Date;
  /** Why the previous attempt failed; null for a first attempt, or when its sender died before it could record. */
  lastError: string | null;
  /** True when an earlier holder's lease ran out: it may have sent the message before it died. */
  leaseExpired: boolean;
  /**
   * Since when an attempt may have reached Slack unanswered; it stays set through any later failure (a refused
   * look-up included) until the send is recorded, so no attempt posts without looking first.
   */
  maybeSentSince: Date | null;
}

/** A message its writer leased as it inserted it: a first attempt, by nobody before. */
export const leasedAtInsert = (
  id: number,
  dedupeKey: string,
  message: TOutboxMessage,
  now: Date,
): TLeasedOutboxMessage => ({
  id,
  dedupeKey,
  attempts: 0,
  message,
  createdAt: now,
  lastError: null,
  leaseExpired: false,
  maybeSentSince: null,
});

/**
 * Queues messages already leased to the caller, in one statement: the process that wrote them sends them right after
 * commit, with no lease round trip; if it dies first, the lease runs out and any replica's drain sends them. Keys
 * already queued are skipped by the unique index itself.
 */
export async function enqueueOutboxLeased(
  q: TSqlQueryable,
  items: readonly TOutboxItem[],
  now: Date,
  leaseMs: number,
): Promise<TLeasedOutboxMessage[]> {
  if (items.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // The first of a repeated key wins, as a row queued earlier does.
  const byKey = new Map<string, TOutboxMessage>();
  for (const item of items) if (!byKey.has(item.dedupeKey)) byKey.set(item.dedupeKey, item.message);
  const fresh = [...byKey];
  const leased: TLeasedOutboxMessage[] = [];
  for (let start = 0; start < fresh.length; start += ENQUEUE_BATCH) {
    const batch = fresh.slice(start, start + ENQUEUE_BATCH);
    const rows = await q.all(
      `INSERT INTO "OutboxMessage" ("dedupeKey","kind","payload","status","attempts","nextAttemptAt","leaseUntil","createdAt")
       VALUES ${batch.map(() => "(?,?,?,'pending',0,?,?,?)").join(',')}
       ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id","dedupeKey"`,
      batch.flatMap(([key, message]) => [key, message.kind, JSON.stringify(message), now, leaseUntil, now]),
    );
    for (const row of rows)
      leased.push(leasedAtInsert(readInt(row.id), String(row.dedupeKey), byKey.get(String(row.dedupeKey))!, now));
  }
  // Ids are assigned in VALUES order (a card before its thread lines); RETURNING's own order is not promised.
  return leased.sort((a, b) => a.id - b.id);
}

export async function markOutboxSent(q: TSqlQueryable, ids: number[], now: Date) {
  if (ids.length === 0) return;
  await q.run(
    `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ?, "leaseUntil" = NULL, "lastError" = NULL, "maybeSentSince" = NULL WHERE "id" IN (${ids.map(() => '?').join(',')})`,
    [now, ...ids],
  );
}

/**
 * Outbox messages still unsent whose key starts with one of `prefixes`: what a theme's resolution queued and has
 * not delivered yet, so a second press can finish it now instead of waiting for the retry loop.
 */
export async function unsentOutboxIdsWithPrefixes(db: TDb, prefixes: string[], limit = 1000): Promise<number[]> {
  if (prefixes.length === 0) return [];
  const rows = await db.outboxMessage.findMany({
    where: { status: 'pending', OR: prefixes.map((prefix) => ({ dedupeKey: { startsWith: prefix } })) },
    orderBy: { id: 'asc' },
    select: { id: true },
    take: limit,
  });
  return rows.map((row) => row.id);
}
