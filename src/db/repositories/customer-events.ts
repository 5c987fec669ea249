import type { TDb } from '../client';
import { isUniqueViolation } from '../errors';
import type { CustomerEvent } from '../generated/sqlite';

export type TCustomerEvent = CustomerEvent;
export type TLifecycleEventKind = 'active' | 'renewed' | 'churned';

export interface TNewCustomerEvent {
  customerId: number;
  event: TLifecycleEventKind;
  at: Date;
  arr?: number | null;
  externalId?: string | null;
  source: 'webhook' | 'import';
  createdAt: Date;
}

/** Stores one lifecycle event; null when its externalId was stored before (a repeat is accepted once). */
export async function insertCustomerEvent(db: TDb, input: TNewCustomerEvent): Promise<TCustomerEvent | null> {
  if (input.externalId) {
    const existing = await db.customerEvent.findUnique({ where: { externalId: input.externalId } });
    if (existing) return null;
  }
  try {
    return await db.customerEvent.create({ data: { ...input, arr: input.arr ?? null } });
  } catch (error) {
    // Another request stored the same externalId between our check and our insert.
    if (input.externalId && isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Which of these externalIds are stored already (one query for a whole batch). */
export async function knownEventExternalIds(db: TDb, externalIds: string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db.customerEvent.findMany({
    where: { externalId: { in: externalIds } },
    select: { externalId: true },
  });
  return new Set(rows.map((row) => row.externalId!));
}

/** A customer's events, latest first (ties by arrival), for working out its current status and ARR. */
export async function latestEventsOf(db: TDb, customerId: number, take = 200): Promise<TCustomerEvent[]> {
  return db.customerEvent.findMany({
    where: { customerId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** The latest event that carries an ARR figure. */
export async function latestArrEventOf(db: TDb, customerId: number): Promise<TCustomerEvent | null> {
  return db.customerEvent.findFirst({
    where: { customerId, arr: { not: null } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
}

export type TLifecycleFact = Pick<TCustomerEvent, 'customerId' | 'event' | 'at' | 'arr' | 'id'>;

/**
 * Every event before `end`, oldest first, in pages: what retention replays to know who was active when. Only the
 * columns it needs are read.
 */
export async function lifecycleEventsBefore(db: TDb, end: Date, pageSize = 5000): Promise<TLifecycleFact[]> {
  const facts: TLifecycleFact[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await db.customerEvent.findMany({
      where: { at: { lt: end } },
      select: { id: true, customerId: true, event: true, at: true, arr: true },
      orderBy: { id: 'asc' },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    facts.push(...page);
    if (page.length < pageSize) return facts;
    cursor = page.at(-1)!.id;
  }
}

/** Stores many events at once; the caller has already left out externalIds stored before. */
export async function insertCustomerEvents(db: TDb, inputs: TNewCustomerEvent[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const { count } = await db.customerEvent.createMany({
    data: inputs.map((input) => ({ ...input, arr: input.arr ?? null, externalId: input.externalId ?? null })),
  });
  return count;
}
