import { OPEN_STATUSES } from '../escalations/escalation-vocabulary';
import type { TDb } from '../shared/db/client';
import type { Customer, SurveyResponse } from '../shared/db/generated/sqlite';
import type { TSqlQueryable } from '../shared/db/sql';
import { DETRACTOR_WHERE, scoreWhere } from './score-classes';

export type TSurveyResponse = SurveyResponse;
export type TSurveyResponseWithCustomer = SurveyResponse & { customer: Customer };

export interface TNewSurveyResponse {
  kind: string;
  score: number;
  customerId: number;
  comment: string | null;
  respondedAt: Date;
  externalId: string | null;
  source: string;
  recordedById: string | null;
  createdAt: Date;
}

export interface TTimeRange {
  start: Date;
  end: Date;
}

/** Detractors by kind: NPS 0–6, CSAT 1–2 (SCORE_CLASSES in src/core/surveys/score-classes.ts). */
const DETRACTOR = DETRACTOR_WHERE;

/**
 * Customer records by name key, for recording a batch of responses at once (an import names thousands). Merged
 * records come back as they are; the caller follows merges (findCustomerByName) for those few.
 */
export async function customersByNameKey(
  db: TDb,
  nameKeys: string[],
): Promise<{ id: number; name: string; nameKey: string; mergedIntoId: number | null }[]> {
  if (nameKeys.length === 0) return [];
  return db.customer.findMany({
    where: { nameKey: { in: nameKeys } },
    select: { id: true, name: true, nameKey: true, mergedIntoId: true },
  });
}

/**
 * Creates customers first named in a batch in one statement; names must be new (a concurrent creator makes it
 * fail with a unique violation, and the caller retries the batch, which then finds them).
 */
export async function insertCustomers(db: TDb, customers: { name: string; nameKey: string }[], now: Date) {
  if (customers.length === 0) return;
  await db.customer.createMany({
    data: customers.map((customer) => ({ ...customer, createdAt: now, updatedAt: now })),
  });
}

/** Which of these external ids are already stored. */
export async function existingExternalIds(db: TDb, externalIds: string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db.surveyResponse.findMany({
    where: { externalId: { in: externalIds } },
    select: { externalId: true },
  });
  return new Set(rows.map((row) => row.externalId!));
}

/** One statement for the whole batch; the rows come back with their ids for the bridge and the hooks. */
export async function insertSurveyResponses(db: TDb, rows: TNewSurveyResponse[]): Promise<TSurveyResponse[]> {
  if (rows.length === 0) return [];
  return db.surveyResponse.createManyAndReturn({ data: rows });
}

export async function findSurveyResponse(db: TDb, id: number): Promise<TSurveyResponseWithCustomer | null> {
  return db.surveyResponse.findUnique({ where: { id }, include: { customer: true } });
}

export async function setResponseEscalation(db: TDb, responseId: number, escalationId: number) {
  await db.surveyResponse.update({ where: { id: responseId }, data: { escalationId } });
}

/**
 * Links a response to an escalation only if nothing linked it first. The UPDATE also takes the row's lock, so of
 * two transactions racing to bridge one response, the second waits and then finds it linked (count 0).
 */
/** Links a response to an escalation unless another got it first; prepared SQL, inside a flag's transaction. */
export async function linkResponseIfUnlinked(q: TSqlQueryable, responseId: number, escalationId: number) {
  const changed = await q.run(
    'UPDATE "SurveyResponse" SET "escalationId" = ? WHERE "id" = ? AND "escalationId" IS NULL',
    [escalationId, responseId],
  );
  return changed === 1;
}

/** Each customer's most recently created escalation that is not resolved. */
export async function openEscalationIdsByCustomer(db: TDb, customerIds: number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  if (customerIds.length === 0) return found;
  const rows = await db.escalation.findMany({
    where: { customerId: { in: customerIds }, status: { in: OPEN_STATUSES } },
    select: { id: true, customerId: true },
    orderBy: { id: 'desc' },
  });
  for (const row of rows) if (row.customerId !== null && !found.has(row.customerId)) found.set(row.customerId, row.id);
  return found;
}

/** Each customer's newest open escalation with when it was flagged. */
export async function openEscalationsByCustomer(
  db: TDb,
  customerIds: number[],
): Promise<Map<number, { id: number; createdAt: Date }>> {
  const found = new Map<number, { id: number; createdAt: Date }>();
  if (customerIds.length === 0) return found;
  const rows = await db.escalation.findMany({
    where: { customerId: { in: customerIds }, status: { in: OPEN_STATUSES } },
    select: { id: true, customerId: true, createdAt: true },
    orderBy: { id: 'desc' },
  });
  for (const row of rows)
    if (row.customerId !== null && !found.has(row.customerId))
      found.set(row.customerId, { id: row.id, createdAt: row.createdAt });
  return found;
}

/** Counts per score of one kind in [start, end): at most 11 rows, computed by the database over its index. */
export async function countScores(
  db: TDb,
  kind: string,
  range: TTimeRange,
): Promise<{ score: number; count: number }[]> {
  const rows = await db.surveyResponse.groupBy({
    by: ['score'],
    where: { kind, respondedAt: { gte: range.start, lt: range.end } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ score: row.score, count: row._count._all }));
}

/**
 * NPS classes per customer in [start, end), for customers with at least `minResponses`: one grouped count per class
 * (at most one row per customer each), all read from the (kind, respondedAt, score, customerId) index. Counting the
 * three classes rather than "all" plus two classes makes the database group each response once, not twice.
 */
export async function npsClassCountsByCustomer(
  db: TDb,
  range: TTimeRange,
  minResponses: number,
): Promise<Map<number, { promoters: number; passives: number; detractors: number }>> {
  const inRange = { kind: 'nps', respondedAt: { gte: range.start, lt: range.end } };
  const counted = async (score: { gte?: number; lte?: number }) =>
    new Map(
      (
        await db.surveyResponse.groupBy({ by: ['customerId'], where: { ...inRange, score }, _count: { _all: true } })
      ).map((row) => [row.customerId, row._count._all]),
    );
  // Scores are integers: 9–10, 7–8 and 0–6 (SCORE_CLASSES).
  const [promoters, passives, detractors] = await Promise.all([
    counted(scoreWhere('nps', 'promoter')),
    counted(scoreWhere('nps', 'passive')),
    counted(scoreWhere('nps', 'detractor')),
  ]);
  // In customer id order, as a grouped count over all of them returned it: ties in the report keep that order.
  const customerIds = [...new Set([...promoters.keys(), ...passives.keys(), ...detractors.keys()])].sort(
    (a, b) => a - b,
  );
  const result = new Map<number, { promoters: number; passives: number; detractors: number }>();
  for (const customerId of customerIds) {
    const counts = {
      promoters: promoters.get(customerId) ?? 0,
      passives: passives.get(customerId) ?? 0,
      detractors: detractors.get(customerId) ?? 0,
    };
    if (counts.promoters + counts.passives + counts.detractors >= minResponses) result.set(customerId, counts);
  }
  return result;
}

export async function customerNames(db: TDb, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A response as the digests and the weekly report show it: its own fields and its customer's name. */
export type TListedResponse = Pick<
  SurveyResponse,
  'id' | 'kind' | 'score' | 'comment' | 'respondedAt' | 'customerId' | 'escalationId'
> & { customer: Pick<Customer, 'id' | 'name'> };

const listedFields = {
  id: true,
  kind: true,
  score: true,
  comment: true,
  respondedAt: true,
  customerId: true,
  escalationId: true,
  customer: { select: { id: true, name: true } },
} as const;

const worstFirst = [{ score: 'asc' }, { respondedAt: 'desc' }, { id: 'desc' }] as const;

/** The lowest-scoring commented responses of a kind in a range, lowest first, then newest. */
export async function lowestCommentedResponses(
  db: TDb,
  kind: 'nps' | 'csat',
  range: TTimeRange,
  limit: number,
): Promise<TListedResponse[]> {
  return db.surveyResponse.findMany({
    where: {
      ...DETRACTOR.find((detractor) => detractor.kind === kind)!,
      respondedAt: { gte: range.start, lt: range.end },
      comment: { not: null },
      NOT: { comment: '' },
    },
    select: listedFields,
    orderBy: [...worstFirst],
    take: limit,
  });
}

/** "Has an open escalation": any escalation of the customer that is not resolved. */
const OPEN_ESCALATION = { status: { in: OPEN_STATUSES } };

/** Customer ids per statement: each is a bound value, and Prisma allows 999 per SQLite statement. */
const CUSTOMERS_PER_QUERY = 900;

const worstFirstOrder = (a: TListedResponse, b: TListedResponse) =>
  a.score - b.score || b.respondedAt.getTime() - a.respondedAt.getTime() || b.id - a.id;

/**
 * Detractor responses since `since` that no escalation has taken up and whose customer has no open escalation:
 * the "Detractors without an advocate". Lowest score first, then newest.
 *
 * Customer by customer rather than response by response: the first query keeps the customers with no open
 * escalation and some such response, with their counts (a few index probes per customer, where filtering the
 * responses costs one per response, ~100k a week at scale). Only when there are any are the worst of their
 * responses read, `limit` per batch of customers, and the batches merged.
 */
export async function unbridgedDetractors(
  db: TDb,
  since: Date,
  limit: number,
): Promise<{ total: number; responses: TListedResponse[] }> {
  const unbridged = { OR: DETRACTOR, respondedAt: { gte: since }, escalationId: null };
  const customers = await db.customer.findMany({
    where: { escalations: { none: OPEN_ESCALATION }, surveyResponses: { some: unbridged } },
    select: { id: true, _count: { select: { surveyResponses: { where: unbridged } } } },
  });
  const total = customers.reduce((sum, customer) => sum + customer._count.surveyResponses, 0);
  if (total === 0 || limit <= 0) return { total, responses: [] };
  const batches: number[][] = [];
  for (let start = 0; start < customers.length; start += CUSTOMERS_PER_QUERY)
    batches.push(customers.slice(start, start + CUSTOMERS_PER_QUERY).map((customer) => customer.id));
  const worst = await Promise.all(
    batches.map((customerIds) =>
      db.surveyResponse.findMany({
        where: { ...unbridged, customerId: { in: customerIds } },
        select: listedFields,
        orderBy: [...worstFirst],
        take: limit,
      }),
    ),
  );
  return { total, responses: worst.flat().sort(worstFirstOrder).slice(0, limit) };
}

/** The responses of these customers in [from, to]: what a fix's outcome is counted from. */
export async function responsesOfCustomersBetween(db: TDb, customerIds: number[], from: Date, to: Date) {
  const rows: { customerId: number; kind: string; score: number; respondedAt: Date }[] = [];
  for (let start = 0; start < customerIds.length; start += 900) {
    rows.push(
      ...(await db.surveyResponse.findMany({
        where: { customerId: { in: customerIds.slice(start, start + 900) }, respondedAt: { gte: from, lte: to } },
        select: { customerId: true, kind: true, score: true, respondedAt: true },
      })),
    );
  }
  return rows;
}

/** NPS responses in [from, to), with their customer's name: what the weekly "Why NPS moved" splits by theme. */
export async function npsResponsesBetween(db: TDb, from: Date, to: Date, limit = 10_000) {
  const rows = await db.surveyResponse.findMany({
    where: { kind: 'nps', respondedAt: { gte: from, lt: to } },
    select: { id: true, customerId: true, score: true, comment: true, customer: { select: { name: true } } },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return rows.map(({ customer, ...row }) => ({ ...row, customerName: customer.name }));
}
