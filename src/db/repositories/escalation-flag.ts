import type { Customer } from '../generated/sqlite';
import { readInt, type TSqlQueryable } from '../sql';
import {
  ESCALATION_COLUMNS,
  escalationFromRow,
  insertEscalationPrepared,
  type TEscalation,
  type TNewEscalation,
} from './escalations';
import { enqueueOutboxLeased, type TLeasedOutboxMessage } from './outbox';
import type { TVia } from './timeline';
import { addTimelineEntryPrepared } from './timeline';

export interface TFlagWrite {
  escalation: TNewEscalation;
  customer: Customer | null;
  timeline: { actorId: string; via: TVia; detail: string };
  /** The card's outbox message is leased to the writer until then (it sends the card right after). */
  cardLeaseUntil: Date;
}

export interface TStoredFlag {
  escalation: TEscalation;
  card: TLeasedOutboxMessage[];
}

const cardDedupeKey = (escalationId: number) => `escalation:${escalationId}:card`;

/**
 * A new escalation, its tags, its first timeline entry and its card's outbox message, inside the caller's
 * transaction (SQLite, or a flag that links more in the same transaction).
 */
export async function storeFlagInTransaction(q: TSqlQueryable, write: TFlagWrite, now: Date): Promise<TStoredFlag> {
  const escalation = await insertEscalationPrepared(q, write.escalation, write.customer);
  await addTimelineEntryPrepared(q, {
    escalationId: escalation.id,
    actorId: write.timeline.actorId,
    action: 'flagged',
    toValue: 'open',
    via: write.timeline.via,
    detail: write.timeline.detail,
    at: now,
  });
  const card = await enqueueOutboxLeased(
    q,
    [{ dedupeKey: cardDedupeKey(escalation.id), message: { kind: 'card.post', escalationId: escalation.id } }],
    now,
    write.cardLeaseUntil.getTime() - now.getTime(),
  );
  return { escalation, card };
}

/**
 * The same writes as `storeFlagInTransaction` in one PostgreSQL statement: data-modifying CTEs commit together or
 * not at all, and one round trip replaces seven (BEGIN, four inserts, COMMIT), which is most of a flag's cost there.
 */
export async function storeFlagInOneStatement(q: TSqlQueryable, write: TFlagWrite, now: Date): Promise<TStoredFlag> {
  const input = write.escalation;
  const tags = input.tags;
  const [row] = await q.all(
    `WITH e AS (
       INSERT INTO "Escalation" ("reporterId","sourceChannelId","sourceMessageTs","sourceLink","summary","severity","customerId","createdAt","updatedAt")
       VALUES (?,?,?,?,?,?,?::integer,?::timestamp(3),?::timestamp(3)) RETURNING ${ESCALATION_COLUMNS}
     )${
       tags.length
         ? `, tags AS (
       INSERT INTO "EscalationTag" ("escalationId","tag")
       SELECT e."id", v.tag FROM e, (VALUES ${tags.map(() => '(?::text)').join(',')}) AS v(tag)
     )`
         : ''
     }, timeline AS (
       INSERT INTO "TimelineEntry" ("escalationId","actorId","action","toValue","via","detail","createdAt")
       SELECT e."id", ?::text, 'flagged', 'open', ?::text, ?::text, ?::timestamp(3) FROM e
     ), card AS (
       INSERT INTO "OutboxMessage" ("dedupeKey","kind","payload","status","attempts","nextAttemptAt","leaseUntil","createdAt")
       SELECT 'escalation:' || e."id" || ':card', 'card.post', '{"kind":"card.post","escalationId":' || e."id" || '}',
              'pending', 0, ?::timestamp(3), ?::timestamp(3), ?::timestamp(3) FROM e
       RETURNING "id"
     )
     SELECT e.*, (SELECT "id" FROM card) AS "cardOutboxId" FROM e`,
    [
      input.reporterId,
      input.sourceChannelId,
      input.sourceMessageTs ?? null,
      input.sourceLink ?? null,
      input.summary,
      input.severity,
      input.customerId ?? null,
      input.createdAt,
      input.createdAt,
      ...tags,
      write.timeline.actorId,
      write.timeline.via,
      write.timeline.detail,
      now,
      now,
      write.cardLeaseUntil,
      now,
    ],
  );
  const stored = escalationFromRow(row!);
  return {
    escalation: {
      ...stored,
      tags: tags.map((tag) => ({ escalationId: stored.id, tag })),
      customer: write.customer,
      theme: null,
    },
    card: [
      {
        id: readInt(row!.cardOutboxId),
        dedupeKey: cardDedupeKey(stored.id),
        attempts: 0,
        message: { kind: 'card.post', escalationId: stored.id },
        createdAt: now,
        lastError: null,
        leaseExpired: false,
      },
    ],
  };
}
