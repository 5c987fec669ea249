import { OPEN_STATUSES } from '../escalations/escalation-vocabulary';
import type { TDb } from '../shared/db/client';
import type { Customer } from '../shared/db/generated/sqlite';
import { modelShape } from '../shared/db/model-rows';
import type { TSqlQueryable } from '../shared/db/sql';
import { DETRACTOR_WHERE, scoreClass, scoreWhere } from '../surveys/score-classes';

export type TCustomer = Customer;

/** "  Acme   CORP " and "acme corp" are the same customer. */
export const customerNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Follows merges so that an alias always lands on the surviving record. */
async function resolveMerged(db: TDb, customer: TCustomer | null): Promise<TCustomer | null> {
  let current = customer;
  for (let hops = 0; current?.mergedIntoId && hops < 10; hops++) {
    current = await db.customer.findUnique({ where: { id: current.mergedIntoId } });
  }
  return current;
}

export async function findCustomerByName(db: TDb, name: string): Promise<TCustomer | null> {
  return resolveMerged(db, await db.customer.findUnique({ where: { nameKey: customerNameKey(name) } }));
}

const CUSTOMER = modelShape<Customer>('Customer');
const CUSTOMER_COLUMNS = CUSTOMER.columns();

/**
 * The customer named (following merges), created on first mention; says whether this call created it. Prepared SQL,
 * for the flag path: one indexed read when the customer exists (nearly always), and an insert that tolerates two
 * requests naming a new customer at once (ON CONFLICT, so a transaction around it is never aborted).
 */
export async function findOrCreateCustomer(
  q: TSqlQueryable,
  name: string,
  now: Date,
): Promise<{ customer: TCustomer; created: boolean }> {
  const nameKey = customerNameKey(name);
  let created = false;
  const byKey = `SELECT ${CUSTOMER_COLUMNS} FROM "Customer" WHERE "nameKey" = ?`;
  let [row] = await q.all(byKey, [nameKey]);
  if (!row) {
    const displayName = name.trim().replace(/\s+/g, ' ');
    [row] = await q.all(
      `INSERT INTO "Customer" ("name","nameKey","status","createdAt","updatedAt") VALUES (?,?,'unknown',?,?) ON CONFLICT ("nameKey") DO NOTHING RETURNING ${CUSTOMER_COLUMNS}`,
      [displayName, nameKey, now, now],
    );
    created = row !== undefined;
    // Someone else created it between the read and the insert: theirs stands.
    row ??= (await q.all(byKey, [nameKey]))[0];
    if (!row) throw new Error(`customer ${nameKey} could neither be found nor created`);
  }
  let customer = CUSTOMER.fromRow(row);
  for (let hops = 0; customer.mergedIntoId !== null && hops < 10; hops++) {
    const [target] = await q.all(`SELECT ${CUSTOMER_COLUMNS} FROM "Customer" WHERE "id" = ?`, [customer.mergedIntoId]);
    if (!target) break;
    customer = CUSTOMER.fromRow(target);
  }
  return { customer, created };
}

/**
 * The customer the channel is linked to (following merges), or null: prepared, for flags that name no customer.
 */
export async function findCustomerOfChannel(q: TSqlQueryable, channelId: string): Promise<TCustomer | null> {
  const [row] = await q.all(
    `SELECT ${CUSTOMER.columns('c')} FROM "CustomerChannel" cc JOIN "Customer" c ON c."id" = cc."customerId" WHERE cc."channelId" = ?`,
    [channelId],
  );
  if (!row) return null;
  let customer = CUSTOMER.fromRow(row, 'c_');
  for (let hops = 0; customer.mergedIntoId !== null && hops < 10; hops++) {
    const [target] = await q.all(`SELECT ${CUSTOMER_COLUMNS} FROM "Customer" WHERE "id" = ?`, [customer.mergedIntoId]);
    if (!target) break;
    customer = CUSTOMER.fromRow(target);
  }
  return customer;
}

export async function findCustomerById(db: TDb, id: number): Promise<TCustomer | null> {
  return db.customer.findUnique({ where: { id } });
}

/** The record stored under this exact name, without following merges (merging needs to see aliases as they are). */
export async function findCustomerRecordByName(db: TDb, name: string): Promise<TCustomer | null> {
  return db.customer.findUnique({ where: { nameKey: customerNameKey(name) } });
}

/** Follows merges from a record id, e.g. a button made before its customer was merged. */
export async function findCustomerFollowingMerges(db: TDb, id: number): Promise<TCustomer | null> {
  return resolveMerged(db, await findCustomerById(db, id));
}

/** Names of the records merged into this one. */
export async function aliasNamesOf(db: TDb, customerId: number, limit = 20): Promise<string[]> {
  const rows = await db.customer.findMany({
    where: { mergedIntoId: customerId },
    select: { name: true },
    orderBy: { name: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.name);
}

/**
 * Name keys sharing at least one of `fragments`, for suggestions. The `take` bound keeps a short, common fragment
 * from loading a whole large table; the caller ranks what comes back.
 */
export async function customerKeysContainingAny(
  db: TDb,
  fragments: string[],
  take: number,
): Promise<{ id: number; name: string; nameKey: string; mergedIntoId: number | null }[]> {
  if (fragments.length === 0) return [];
  return db.customer.findMany({
    where: { OR: fragments.map((fragment) => ({ nameKey: { contains: fragment } })) },
    select: { id: true, name: true, nameKey: true, mergedIntoId: true },
    take,
  });
}

/** Long id lists are read in slices: SQLite builds may allow as few as 999 bind parameters per statement. */
const ID_SLICE = 900;
export async function inSlices<K, T>(ids: K[], read: (slice: K[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += ID_SLICE)
    rows.push(...(await read(ids.slice(start, start + ID_SLICE))));
  return rows;
}

export async function customersByIds(db: TDb, ids: number[]): Promise<TCustomer[]> {
  return inSlices(ids, (slice) => db.customer.findMany({ where: { id: { in: slice } } }));
}

export async function updateCustomer(
  db: TDb,
  id: number,
  data: Partial<
    Pick<TCustomer, 'status' | 'statusSince' | 'arr' | 'externalId' | 'updatedAt' | 'owner' | 'tier' | 'renewalAt'>
  >,
) {
  await db.customer.update({ where: { id }, data });
}

/**
 * Marks `aliasId` as merged into `targetId` unless it already is merged somewhere: true when this call did it.
 * The conditional update is what makes two concurrent merges of one alias apply once.
 */
export async function markCustomerMerged(db: TDb, aliasId: number, targetId: number, now: Date): Promise<boolean> {
  const { count } = await db.customer.updateMany({
    where: { id: aliasId, mergedIntoId: null },
    data: { mergedIntoId: targetId, updatedAt: now },
  });
  return count === 1;
}

/** Moves everything that names `fromId` over to `toId`; returns how many of each moved. */
export async function moveCustomerRecords(db: TDb, fromId: number, toId: number) {
  const [escalations, surveyResponses, lifecycleEvents, timelineEntries, , aliases] = [
    await db.escalation.updateMany({ where: { customerId: fromId }, data: { customerId: toId } }),
    await db.surveyResponse.updateMany({ where: { customerId: fromId }, data: { customerId: toId } }),
    await db.customerEvent.updateMany({ where: { customerId: fromId }, data: { customerId: toId } }),
    await db.timelineEntry.updateMany({ where: { customerId: fromId }, data: { customerId: toId } }),
    await db.customerChannel.updateMany({ where: { customerId: fromId }, data: { customerId: toId } }),
    // Earlier aliases of the merged record point straight at the survivor, so lookups stay one hop.
    await db.customer.updateMany({ where: { mergedIntoId: fromId }, data: { mergedIntoId: toId } }),
  ];
  return {
    escalations: escalations.count,
    surveyResponses: surveyResponses.count,
    lifecycleEvents: lifecycleEvents.count,
    timelineEntries: timelineEntries.count,
    aliases: aliases.count,
  };
}

/**
 * Records the at-risk announcement unless one was made since `announcedBefore`: true for exactly one caller, which
 * is what keeps two replicas evaluating the same customer from announcing it twice.
 */
export async function claimAtRiskAnnouncement(db: TDb, id: number, now: Date, announcedBefore: Date): Promise<boolean> {
  const { count } = await db.customer.updateMany({
    where: { id, OR: [{ atRiskAnnouncedAt: null }, { atRiskAnnouncedAt: { lt: announcedBefore } }] },
    data: { atRiskAnnouncedAt: now },
  });
  return count === 1;
}

/** Of these customers, the ones not announced since `announcedBefore`: only they can be announced now. */
export async function customersAnnounceableSince(db: TDb, ids: number[], announcedBefore: Date): Promise<number[]> {
  const rows = await db.customer.findMany({
    where: { id: { in: ids }, OR: [{ atRiskAnnouncedAt: null }, { atRiskAnnouncedAt: { lt: announcedBefore } }] },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

// Signals about customers, read for their profile, the at-risk rules and the retention report.

const inCustomers = (customerIds?: number[]) => (customerIds ? { in: customerIds } : { not: null });

/** Open (not resolved) escalations of these severities, by customer. */
export async function openEscalationsBySeverity(db: TDb, severities: string[], customerIds?: number[]) {
  return db.escalation.findMany({
    where: { status: { in: OPEN_STATUSES }, severity: { in: severities }, customerId: inCustomers(customerIds) },
    select: { id: true, severity: true, customerId: true },
    orderBy: { id: 'asc' },
  });
}

/** How many detractor responses each customer gave since `since`, and the latest one's time. */
export async function detractorCountsSince(db: TDb, since: Date, customerIds?: number[]) {
  const rows = await db.surveyResponse.groupBy({
    by: ['customerId'],
    where: {
      respondedAt: { gte: since },
      customerId: customerIds ? { in: customerIds } : undefined,
      OR: DETRACTOR_WHERE,
    },
    _count: { _all: true },
    _max: { respondedAt: true },
  });
  return rows.map((row) => ({ customerId: row.customerId, count: row._count._all, latestAt: row._max.respondedAt! }));
}

export interface TNpsWeekCount {
  customerId: number;
  weekIndex: number;
  responses: number;
  promoters: number;
  detractors: number;
}

/**
 * NPS counts per customer and week. For a few customers the responses are read and counted here; for everyone the
 * database counts them (three grouped counts per week), so a large response table is never loaded.
 */
export async function npsCountsByWeek(
  db: TDb,
  weeks: { start: Date; end: Date }[],
  customerIds?: number[],
): Promise<TNpsWeekCount[]> {
  if (weeks.length === 0) return [];
  const counts = new Map<string, TNpsWeekCount>();
  const entry = (customerId: number, weekIndex: number) => {
    const key = `${customerId}:${weekIndex}`;
    let found = counts.get(key);
    if (!found) {
      found = { customerId, weekIndex, responses: 0, promoters: 0, detractors: 0 };
      counts.set(key, found);
    }
    return found;
  };
  if (customerIds) {
    if (customerIds.length === 0) return [];
    const rows = await db.surveyResponse.findMany({
      where: {
        kind: 'nps',
        customerId: { in: customerIds },
        respondedAt: { gte: weeks[0]!.start, lt: weeks.at(-1)!.end },
      },
      select: { customerId: true, score: true, respondedAt: true },
    });
    for (const row of rows) {
      const weekIndex = weeks.findIndex((week) => row.respondedAt >= week.start && row.respondedAt < week.end);
      if (weekIndex < 0) continue;
      const counted = entry(row.customerId, weekIndex);
      counted.responses++;
      const cls = scoreClass('nps', row.score);
      if (cls === 'promoter') counted.promoters++;
      if (cls === 'detractor') counted.detractors++;
    }
    return [...counts.values()];
  }
  for (const [weekIndex, week] of weeks.entries()) {
    const inWeek = { kind: 'nps', respondedAt: { gte: week.start, lt: week.end } };
    const groupCount = (score?: { gte?: number; lte?: number }) =>
      db.surveyResponse.groupBy({ by: ['customerId'], where: { ...inWeek, score }, _count: { _all: true } });
    const [all, promoters, detractors] = [
      await groupCount(),
      await groupCount(scoreWhere('nps', 'promoter')),
      await groupCount(scoreWhere('nps', 'detractor')),
    ];
    for (const row of all) entry(row.customerId, weekIndex).responses = row._count._all;
    for (const row of promoters) entry(row.customerId, weekIndex).promoters = row._count._all;
    for (const row of detractors) entry(row.customerId, weekIndex).detractors = row._count._all;
  }
  return [...counts.values()];
}

/** Which open themes each customer's escalations are linked to. */
export async function openThemeLinks(db: TDb, customerIds?: number[]) {
  const rows = await db.escalation.findMany({
    where: { customerId: inCustomers(customerIds), themeId: { not: null }, theme: { status: 'open' } },
    select: { customerId: true, themeId: true },
    distinct: ['customerId', 'themeId'],
  });
  return rows.map((row) => ({ customerId: row.customerId!, themeId: row.themeId! }));
}

/** Customers that can be at risk: neither merged away nor churned. */
export async function customersThatCanBeAtRisk(db: TDb, ids: number[]): Promise<TCustomer[]> {
  return inSlices(ids, (slice) =>
    db.customer.findMany({ where: { id: { in: slice }, mergedIntoId: null, status: { not: 'churned' } } }),
  );
}

const escalationForProfile = { theme: true, customer: true, tags: true } as const;

/** Open escalations first (most recent first), then those resolved since `resolvedSince`. */
export async function escalationsOfCustomer(db: TDb, customerId: number, resolvedSince: Date, take: number) {
  const [open, openTotal, recent] = await Promise.all([
    db.escalation.findMany({
      where: { customerId, status: { in: OPEN_STATUSES } },
      include: escalationForProfile,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    }),
    db.escalation.count({ where: { customerId, status: { in: OPEN_STATUSES } } }),
    db.escalation.findMany({
      where: { customerId, status: 'resolved', resolvedAt: { gte: resolvedSince } },
      include: escalationForProfile,
      orderBy: [{ resolvedAt: 'desc' }, { id: 'desc' }],
      take,
    }),
  ]);
  return { open, openTotal, recent };
}

/** The themes any of the customer's escalations belong to, open first. */
export async function themesOfCustomer(db: TDb, customerId: number, take = 10) {
  return db.theme.findMany({
    where: { escalations: { some: { customerId } } },
    orderBy: [{ status: 'asc' }, { id: 'desc' }],
    take,
  });
}

/** A customer's survey responses since `since`, newest first, bounded. */
export async function surveyResponsesOfCustomer(db: TDb, customerId: number, since: Date, take = 500) {
  return db.surveyResponse.findMany({
    where: { customerId, respondedAt: { gte: since } },
    select: { id: true, kind: true, score: true, comment: true, respondedAt: true },
    orderBy: [{ respondedAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

export async function latestDetractorComment(db: TDb, customerId: number) {
  return db.surveyResponse.findFirst({
    where: { customerId, comment: { not: null }, OR: DETRACTOR_WHERE },
    select: { kind: true, score: true, comment: true, respondedAt: true },
    orderBy: [{ respondedAt: 'desc' }, { id: 'desc' }],
  });
}

/** Escalations of these customers flagged before `before`, for the churn warning signs. */
export async function escalationTimesOf(db: TDb, customerIds: number[], before: Date) {
  const rows = await inSlices(customerIds, (slice) =>
    db.escalation.findMany({
      where: { customerId: { in: slice }, createdAt: { lt: before } },
      select: { customerId: true, createdAt: true, resolvedAt: true },
    }),
  );
  return rows.map((row) => ({ ...row, customerId: row.customerId! }));
}

export async function detractorTimesOf(db: TDb, customerIds: number[], from: Date, to: Date) {
  return inSlices(customerIds, (slice) =>
    db.surveyResponse.findMany({
      where: { customerId: { in: slice }, respondedAt: { gte: from, lte: to }, OR: DETRACTOR_WHERE },
      select: { customerId: true, respondedAt: true },
    }),
  );
}

export async function openEscalationIdsOfCustomer(db: TDb, customerId: number): Promise<number[]> {
  const rows = await db.escalation.findMany({
    where: { customerId, status: { in: OPEN_STATUSES } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.id);
}

/** The records stored under these name keys (aliases included), in one query. */
export async function customersByNameKeys(db: TDb, keys: string[]) {
  return inSlices(keys, (slice) =>
    db.customer.findMany({
      where: { nameKey: { in: slice } },
      select: { id: true, name: true, nameKey: true, mergedIntoId: true },
    }),
  );
}

export async function lastResponsesOfCustomer(db: TDb, customerId: number, kind: string, take: number) {
  return db.surveyResponse.findMany({
    where: { customerId, kind },
    select: { kind: true, score: true, comment: true, respondedAt: true },
    orderBy: [{ respondedAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Creates customers never seen before, in one statement; the caller reads their ids back by name key. */
export async function insertCustomers(db: TDb, customers: { name: string; nameKey: string }[], now: Date) {
  if (customers.length === 0) return;
  await db.customer.createMany({
    data: customers.map((customer) => ({ ...customer, createdAt: now, updatedAt: now })),
  });
}

export async function lifecycleFieldsOf(db: TDb, ids: number[]) {
  return inSlices(ids, (slice) =>
    db.customer.findMany({
      where: { id: { in: slice } },
      select: { id: true, status: true, statusSince: true, arr: true },
    }),
  );
}

/** The account facts of these customers, as stored. */
export async function storedFactsOf(db: TDb, ids: number[]) {
  return inSlices(ids, (slice) =>
    db.customer.findMany({
      where: { id: { in: slice } },
      select: { id: true, owner: true, tier: true, renewalAt: true, arr: true, domains: true },
    }),
  );
}

/** Customers (neither merged away nor churned) renewing in [from, until], soonest first, bounded. */
export async function customersRenewingBetween(db: TDb, from: Date, until: Date, take = 200) {
  return db.customer.findMany({
    where: { renewalAt: { gte: from, lte: until }, mergedIntoId: null, status: { not: 'churned' } },
    orderBy: [{ renewalAt: 'asc' }, { id: 'asc' }],
    take,
  });
}
