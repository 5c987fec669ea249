import type { Customer } from '../shared/db/generated/sqlite';
import { readInt, type TSqlQueryable } from '../shared/db/sql';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { enqueueOutboxLeased, leasedAtInsert, type TLeasedOutboxMessage } from '../shared/outbox/outbox-repository';
import type { TVia } from '../shared/timeline-repository';
import { addTimelineEntry } from '../shared/timeline-repository';
import {
  asNewEscalation,
  ESCALATION_COLUMNS,
  insertEscalation,
  NEW_ESCALATION_COLUMNS,
  newEscalationValues,
  type TEscalation,
  type TNewEscalation,
} from './escalations-repository';

export interface TFlagWrite {
  escalation: TNewEscalation;
  customer: Customer | null;
  timeline: { actorId: string; via: TVia; detail: string };
  /** The card's outbox message is leased to the writer until then (it sends the card right after). */
  cardLeaseUntil: Date;
  /** Queue the agent's confirmation too, leased like the card (the writer answers from memory, then marks it sent). */
  confirmation: boolean;
}

export interface TStoredFlag {
  escalation: TEscalation;
  card: TLeasedOutboxMessage[];
  /** The queued confirmation's outbox id, when `confirmation` was asked for. */
  confirmationOutboxId: number | null;
}

/**
 * A new escalation, its tags, its first timeline entry and its card's outbox message, inside the caller's
 * transaction (SQLite, or a flag that links more in the same transaction).
 */
export async function storeFlagInTransaction(q: TSqlQueryable, write: TFlagWrite, now: Date): Promise<TStoredFlag> {
  const escalation = await insertEscalation(q, write.escalation, write.customer);
  await addTimelineEntry(q, {
    escalationId: escalation.id,
    actorId: write.timeline.actorId,
    action: 'flagged',
    toValue: 'open',
    via: write.timeline.via,
    detail: write.timeline.detail,
    at: now,
  });
  const queued = await enqueueOutboxLeased(
    q,
    [
      {
        dedupeKey: outboxKey.escalationCard(escalation.id),
        message: { kind: 'card.post', escalationId: escalation.id },
      },
      ...(write.confirmation
        ? [
            {
              dedupeKey: outboxKey.flagConfirmation(escalation.id),
              message: { kind: 'flag.confirmation' as const, escalationId: escalation.id },
            },
          ]
        : []),
    ],
    now,
    write.cardLeaseUntil.getTime() - now.getTime(),
  );
  const card = queued.filter((leased) => leased.message.kind === 'card.post');
  const confirmation = queued.find((leased) => leased.message.kind === 'flag.confirmation');
  return { escalation, card, confirmationOutboxId: confirmation?.id ?? null };
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
       INSERT INTO "Escalation" (${NEW_ESCALATION_COLUMNS})
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
     )${
       write.confirmation
         ? `, confirmation AS (
       INSERT INTO "OutboxMessage" ("dedupeKey","kind","payload","status","attempts","nextAttemptAt","leaseUntil","createdAt")
       SELECT 'escalation:' || e."id" || ':confirmation', 'flag.confirmation',
              '{"kind":"flag.confirmation","escalationId":' || e."id" || '}',
              'pending', 0, ?::timestamp(3), ?::timestamp(3), ?::timestamp(3) FROM e
       RETURNING "id"
     )`
         : ''
     }
     SELECT e.*, (SELECT "id" FROM card) AS "cardOutboxId"${
       write.confirmation ? `, (SELECT "id" FROM confirmation) AS "confirmationOutboxId"` : ''
     } FROM e`,
    [
      ...newEscalationValues(input),
      ...tags,
      write.timeline.actorId,
      write.timeline.via,
      write.timeline.detail,
      now,
      now,
      write.cardLeaseUntil,
      now,
      ...(write.confirmation ? [now, write.cardLeaseUntil, now] : []),
    ],
  );
  const escalation = asNewEscalation(row!, tags, write.customer);
  const card = { kind: 'card.post' as const, escalationId: escalation.id };
  return {
    escalation,
    card: [leasedAtInsert(readInt(row!.cardOutboxId), outboxKey.escalationCard(escalation.id), card, now)],
    confirmationOutboxId: write.confirmation ? readInt(row!.confirmationOutboxId) : null,
  };
}
