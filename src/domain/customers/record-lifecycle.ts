import type { TTransaction } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import {
  insertCustomerEvents,
  knownEventExternalIds,
  latestArrEventOf,
  latestEventsOf,
  type TNewCustomerEvent,
} from '../../db/repositories/customer-events';
import {
  customerNameKey,
  customersByNameKeys,
  findCustomerByName,
  findOrCreateCustomer,
  updateCustomer,
} from '../../db/repositories/customers';
import type { TDomainDeps } from '../deps';
import { currentStatus, type TLifecycleEventKind } from './lifecycle';

export interface TLifecycleInput {
  customer: string;
  event: TLifecycleEventKind;
  /** Defaults to the time of recording. */
  at?: Date;
  externalId?: string | null;
  arr?: number | null;
}

export interface TRecordLifecycleOptions {
  source: 'webhook' | 'import';
  events: TLifecycleInput[];
  /** Name key → customer id for a caller that records many batches (an import); filled only after commit. */
  customerIds?: Map<string, number>;
}

export interface TRecordLifecycleResult {
  accepted: number;
  duplicates: number;
  customersCreated: number;
}

const MAX_ATTEMPTS = 3;

/**
 * Stores account lifecycle events from a CRM (webhook or import) in one transaction: creates customers on first
 * mention, accepts a repeated externalId once, then sets each touched customer's status, "since" and ARR from its
 * whole history, so events arriving out of order still leave the status of the latest `at`.
 */
export async function recordCustomerEvents(
  deps: TDomainDeps,
  options: TRecordLifecycleOptions,
): Promise<TRecordLifecycleResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.db.prisma.$transaction((tx) => recordInTransaction(tx, deps.clock.now(), options), {
        maxWait: 10_000,
        timeout: 120_000,
      });
      for (const [key, id] of outcome.customerIds) options.customerIds?.set(key, id);
      return outcome.result;
    } catch (error) {
      // Another request stored the same externalId or created the same customer first: start over, it is counted.
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function recordInTransaction(tx: TTransaction, now: Date, options: TRecordLifecycleOptions) {
  const known = await knownEventExternalIds(
    tx,
    options.events.flatMap((input) => (input.externalId ? [input.externalId] : [])),
  );
  const fresh: TLifecycleInput[] = [];
  let duplicates = 0;
  for (const input of options.events) {
    if (input.externalId && known.has(input.externalId)) {
      duplicates++;
      continue;
    }
    if (input.externalId) known.add(input.externalId);
    fresh.push(input);
  }
  const { ids, created } = await resolveCustomers(
    tx,
    fresh.map((input) => input.customer),
    options.customerIds,
  );
  const rows: TNewCustomerEvent[] = fresh.map((input) => ({
    customerId: ids.get(customerNameKey(input.customer))!,
    event: input.event,
    at: input.at ?? now,
    arr: input.arr ?? null,
    externalId: input.externalId || null,
    source: options.source,
    createdAt: now,
  }));
  const accepted = await insertCustomerEvents(tx, rows);
  for (const customerId of new Set(rows.map((row) => row.customerId))) {
    await refreshCustomerLifecycle(tx, customerId, now);
  }
  return { result: { accepted, duplicates, customersCreated: created }, customerIds: ids };
}

/** Each name's surviving record, created on first mention; one query for the names not already cached. */
async function resolveCustomers(tx: TTransaction, names: string[], cache: Map<string, number> | undefined) {
  const wanted = new Map<string, string>();
  // The first spelling in the batch names a new customer ("Acme Corp" before a later "acme  corp").
  for (const name of names) if (!wanted.has(customerNameKey(name))) wanted.set(customerNameKey(name), name);
  const ids = new Map<string, number>();
  const unknown = [...wanted.keys()].filter((key) => {
    const cached = cache?.get(key);
    if (cached !== undefined) ids.set(key, cached);
    return cached === undefined;
  });
  const found = new Map((await customersByNameKeys(tx, unknown)).map((row) => [row.nameKey, row]));
  let created = 0;
  for (const key of unknown) {
    const name = wanted.get(key)!;
    const row = found.get(key);
    if (row && row.mergedIntoId === null) ids.set(key, row.id);
    else if (row) ids.set(key, (await findCustomerByName(tx, name))!.id);
    else {
      ids.set(key, (await findOrCreateCustomer(tx, name)).id);
      created++;
    }
  }
  return { ids, created };
}

/** Recomputes status, "since" and ARR from the customer's events (after new events, or a merge). */
export async function refreshCustomerLifecycle(tx: TTransaction, customerId: number, now: Date) {
  const { status, since } = currentStatus(await latestEventsOf(tx, customerId));
  const arrEvent = await latestArrEventOf(tx, customerId);
  await updateCustomer(tx, customerId, {
    status,
    statusSince: since,
    ...(arrEvent ? { arr: arrEvent.arr } : {}),
    updatedAt: now,
  });
}
