import type { TDb } from '../shared/db/client';
import type { CustomerEvent } from '../shared/db/generated/sqlite';
import { inSlices } from './customers-repository';

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

/** Which of these externalIds are stored already (one query for a whole batch). */
export async function knownEventExternalIds(db: TDb, externalIds: string[]): Promise<Set<string>> {
  const rows = await inSlices(externalIds, (slice) =>
    db.customerEvent.findMany({ where: { externalId: { in: slice } }, select: { externalId: true } }),
  );
  return new Set(rows.map((row) => row.externalId!));
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

/** Every event of these customers, each customer's latest first: what their status and ARR are worked out from. */
export async function eventsOfCustomers(db: TDb, customerIds: number[]) {
  return inSlices(customerIds, (slice) =>
    db.customerEvent.findMany({
      where: { customerId: { in: slice } },
      select: { id: true, customerId: true, event: true, at: true, arr: true },
      orderBy: [{ customerId: 'asc' }, { at: 'desc' }, { id: 'desc' }],
    }),
  );
}
