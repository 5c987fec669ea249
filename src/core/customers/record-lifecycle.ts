import { externalIdsOf, freshByExternalId } from '../imports/fresh-by-external-id';
import type { TTransaction } from '../shared/db/client';
import type { TSqlQueryable } from '../shared/db/sql';
import type { TDomainDeps } from '../shared/deps';
import { runUnitOfWork } from '../shared/unit-of-work';
import { applyAccountFacts, hasFacts, type TAccountFacts, type TStoredFacts } from './account-facts';
import {
  eventsOfCustomers,
  insertCustomerEvents,
  knownEventExternalIds,
  type TNewCustomerEvent,
} from './customer-events-repository';
import { currentStatus, type TLifecycleEventKind } from './customer-lifecycle';
import {
  customerNameKey,
  customersByNameKeys,
  findCustomerByName,
  insertCustomers,
  lifecycleFieldsOf,
  storedFactsOf,
  updateCustomer,
} from './customers-repository';
import type { TCustomerEventKind } from './lifecycle-input';

export interface TLifecycleInput {
  customer: string;
  /** `updated` carries facts only: no lifecycle event is stored. */
  event: TCustomerEventKind;
  /** Defaults to the time of recording. */
  at?: Date;
  externalId?: string | null;
  arr?: number | null;
  /** Account facts to set (owner already resolved to a user id where Slack knew the email). */
  facts?: TAccountFacts;
}

export interface TRecordLifecycleOptions {
  source: 'webhook' | 'import';
  events: TLifecycleInput[];
  /** Name key → customer id for a caller that records many batches (an import); filled only after commit. */
  customerIds?: Map<string, number>;
  /**
   * Leaves status and ARR for the caller to refresh once at the end (refreshLifecyclesOf), instead of after every
   * batch: an import of a long history touches the same customers in batch after batch.
   */
  deferRefresh?: boolean;
}

export interface TRecordLifecycleResult {
  accepted: number;
  duplicates: number;
  customersCreated: number;
  /** Customers whose account facts changed. */
  customersUpdated: number;
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
  // Another request stored the same externalId or created the same customer first: start over, it is counted.
  const outcome = await runUnitOfWork(deps, { attempts: MAX_ATTEMPTS, duration: 'long' }, ({ tx, q, now }) =>
    recordInTransaction(tx, q, now, options),
  );
  for (const [key, id] of outcome.customerIds) options.customerIds?.set(key, id);
  return outcome.result;
}

async function recordInTransaction(tx: TTransaction, q: TSqlQueryable, now: Date, options: TRecordLifecycleOptions) {
  const lifecycle = options.events.filter((input) => input.event !== 'updated');
  const updates = options.events.filter((input) => input.event === 'updated');
  const { fresh, duplicates } = freshByExternalId(lifecycle, await knownEventExternalIds(tx, externalIdsOf(lifecycle)));
  const { ids, created } = await resolveCustomers(
    tx,
    [...fresh, ...updates].map((input) => input.customer),
    options.customerIds,
    now,
  );
  // Repeats create nobody, but their customers are reported too, so that a caller refreshing later (an import
  // re-run after a failure) covers them.
  const repeatKeys = lifecycle
    .map((input) => customerNameKey(input.customer))
    .filter((key) => !ids.has(key) && !options.customerIds?.has(key));
  for (const row of await customersByNameKeys(tx, [...new Set(repeatKeys)])) {
    ids.set(row.nameKey, row.mergedIntoId ?? row.id);
  }
  const rows: TNewCustomerEvent[] = fresh.map((input) => ({
    customerId: ids.get(customerNameKey(input.customer))!,
    event: input.event as TLifecycleEventKind,
    at: input.at ?? now,
    arr: input.arr ?? null,
    externalId: input.externalId || null,
    source: options.source,
    createdAt: now,
  }));
  const accepted = await insertCustomerEvents(tx, rows);
  if (!options.deferRefresh) await refreshCustomerLifecycles(tx, [...new Set(rows.map((row) => row.customerId))], now);
  const idOf = (name: string) => ids.get(customerNameKey(name)) ?? options.customerIds?.get(customerNameKey(name));
  const customersUpdated = await applyFactsOfItems(tx, q, options, idOf, now);
  return { result: { accepted, duplicates, customersCreated: created, customersUpdated }, customerIds: ids };
}

/**
 * Applies the facts each item carries, after the lifecycle refresh so that an `updated` ARR stands over an older
 * event's. A lifecycle event's own ARR already went in with the event, so only `updated` sets ARR as a fact.
 */
async function applyFactsOfItems(
  tx: TTransaction,
  q: TSqlQueryable,
  options: TRecordLifecycleOptions,
  idOf: (name: string) => number | undefined,
  now: Date,
): Promise<number> {
  const withFacts = options.events.filter((input) => hasFacts(input.facts));
  if (withFacts.length === 0) return 0;
  const ids = [...new Set(withFacts.map((input) => idOf(input.customer)).filter((id) => id !== undefined))];
  const current = new Map<number, TStoredFacts>((await storedFactsOf(tx, ids)).map((row) => [row.id, row]));
  const changed = new Set<number>();
  const actorId = options.source === 'import' ? 'import' : 'crm';
  for (const input of withFacts) {
    const stored = current.get(idOf(input.customer) ?? -1);
    if (!stored) continue;
    const facts = input.event === 'updated' ? input.facts! : { ...input.facts!, arr: undefined };
    const changes = await applyAccountFacts(q, stored, facts, { actorId, via: options.source, now });
    if (changes.length === 0) continue;
    changed.add(stored.id);
    current.set(stored.id, {
      ...stored,
      ...Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)),
      domains: facts.domains === undefined ? stored.domains : (facts.domains?.join(',') ?? null),
    } as TStoredFacts);
  }
  return changed.size;
}

/** Each name's surviving record, created on first mention: one query to find, one to create what is new. */
async function resolveCustomers(tx: TTransaction, names: string[], cache: Map<string, number> | undefined, now: Date) {
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
  const missing = unknown.filter((key) => !found.has(key));
  await insertCustomers(
    tx,
    missing.map((key) => ({ name: wanted.get(key)!.trim().replace(/\s+/g, ' '), nameKey: key })),
    now,
  );
  for (const row of await customersByNameKeys(tx, missing)) found.set(row.nameKey, row);
  for (const key of unknown) {
    const row = found.get(key)!;
    ids.set(key, row.mergedIntoId === null ? row.id : (await findCustomerByName(tx, wanted.get(key)!))!.id);
  }
  return { ids, created: missing.length };
}

/**
 * Recomputes status, "since" and ARR of these customers from their events (after new events, or a merge): one
 * query for the events, one for the customers, and an update only where something changed.
 */
export async function refreshCustomerLifecycles(tx: TTransaction, customerIds: number[], now: Date) {
  if (customerIds.length === 0) return;
  const events = new Map<number, { event: string; at: Date; arr: number | null }[]>();
  for (const row of await eventsOfCustomers(tx, customerIds)) {
    const list = events.get(row.customerId) ?? [];
    list.push(row);
    events.set(row.customerId, list);
  }
  for (const current of await lifecycleFieldsOf(tx, customerIds)) {
    const latestFirst = events.get(current.id) ?? [];
    const { status, since } = currentStatus(latestFirst);
    const arr = latestFirst.find((event) => event.arr !== null)?.arr ?? current.arr;
    if (status === current.status && since?.getTime() === current.statusSince?.getTime() && arr === current.arr)
      continue;
    await updateCustomer(tx, current.id, { status, statusSince: since, arr, updatedAt: now });
  }
}

export const refreshCustomerLifecycle = (tx: TTransaction, customerId: number, now: Date) =>
  refreshCustomerLifecycles(tx, [customerId], now);

const REFRESH_SLICE = 500;

/** Refreshes many customers after a deferred-refresh import, a slice per transaction. */
export async function refreshLifecyclesOf(deps: TDomainDeps, customerIds: number[]) {
  for (let start = 0; start < customerIds.length; start += REFRESH_SLICE) {
    const slice = customerIds.slice(start, start + REFRESH_SLICE);
    await runUnitOfWork(deps, { duration: 'long' }, ({ tx, now }) => refreshCustomerLifecycles(tx, slice, now));
  }
}
