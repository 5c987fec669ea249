import { customerNameKey, findCustomerByName, findOrCreateCustomer } from '../customers/customers-repository';
import { externalIdsOf, freshByExternalId } from '../imports/fresh-by-external-id';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { runUnitOfWork, type TPrismaUnitOfWork } from '../shared/unit-of-work';
import { detractorResponseEntry } from './detractor-entry';
import { isDetractor, scoreClass, type TSurveyKind } from './score-classes';
import {
  customersByNameKey,
  existingExternalIds,
  insertCustomers,
  insertSurveyResponses,
  openEscalationsByCustomer,
  setResponseEscalation,
  type TNewSurveyResponse,
  type TSurveyResponse,
} from './surveys-repository';

export type TSurveySource = 'webhook' | 'manual' | 'import';

export interface TSurveyInput {
  kind: TSurveyKind;
  score: number;
  customer: string;
  comment?: string | null;
  /** Defaults to the time of recording. */
  respondedAt?: Date;
  /** The survey tool's id (or an import's content hash): a repeat is counted once. */
  externalId?: string | null;
  /**
   * The source gave no date (an import with `--responded-at now`): dated at recording, but never news for an
   * escalation's thread, since nobody knows when it was said.
   */
  undated?: boolean;
}

export interface TRecordSurveyResponsesOptions {
  source: TSurveySource;
  /** The agent who typed `/advocate nps|csat`. */
  recordedById?: string;
  responses: TSurveyInput[];
  /**
   * Name key → customer, kept by a caller that records many batches (an import) so each customer is looked up
   * once per run rather than once per batch. Filled only with customers that were committed.
   */
  customers?: Map<string, TKnownCustomer>;
}

export interface TRecordedResponse {
  response: TSurveyResponse;
  customerName: string;
  /** The open escalation this detractor response was added to, if any. */
  bridgedTo: number | null;
  /** Whether its customer was created by this call (named for the first time). */
  customerCreated: boolean;
}

export interface TRecordSurveyResponsesResult {
  accepted: number;
  duplicates: number;
  recorded: TRecordedResponse[];
}

const VIA: Record<TSurveySource, TVia> = { webhook: 'webhook', manual: 'command', import: 'import' };
const ACTOR: Record<Exclude<TSurveySource, 'manual'>, string> = { webhook: 'survey tool', import: 'import' };
const MAX_ATTEMPTS = 5;

const quoteComment = (comment: string | null, max = 300) =>
  comment ? ` “${comment.length > max ? `${comment.slice(0, max - 1)}…` : comment}”` : '';

/**
 * Stores survey responses (webhook, `/advocate nps|csat`, CSV import) in one transaction: finds or creates each
 * customer, skips external ids already stored (or repeated in the batch), and bridges detractors: a detractor
 * whose customer has an open escalation is added to that escalation's timeline and told in its card's thread.
 * Detractors of customers without one wait for the open digest's "Detractors without an advocate".
 */
export async function recordSurveyResponses(
  deps: TDomainDeps,
  options: TRecordSurveyResponsesOptions,
): Promise<TRecordSurveyResponsesResult> {
  // Another request stored the same external id (or created the same customer) first: recount from scratch.
  const { outcome, now } = await runUnitOfWork(deps, { attempts: MAX_ATTEMPTS, duration: 'long' }, async (uow) => ({
    outcome: await recordInTransaction(uow, options),
    now: uow.now,
  }));
  for (const [key, customer] of outcome.customers) options.customers?.set(key, customer);
  await evaluateAtRiskAfter(deps, outcome.result.recorded, now);
  return outcome.result;
}

/**
 * An NPS response can lower a customer's weekly NPS and a detractor is itself a reason, so both are evaluated once
 * committed. An import replays history in bulk: the sweep evaluates its customers once instead of once per row.
 */
async function evaluateAtRiskAfter(deps: TDomainDeps, recorded: readonly TRecordedResponse[], now: Date) {
  const subjects = recorded
    .map(({ response }) => response)
    .filter((response) => response.source !== 'import')
    // A promoter raises its week's NPS: it cannot make a fall or be a reason (a late one for an earlier week is left to
    // the sweep). Passives can lower a week's NPS; detractors are a reason themselves.
    .filter(
      (response) =>
        (response.kind === 'nps' && scoreClass('nps', response.score) !== 'promoter') ||
        isDetractor(response.kind as TSurveyKind, response.score),
    )
    .map((response) => ({ customer: { id: response.customerId, atRiskAnnouncedAt: null } }));
  if (subjects.length === 0) return;
  await deps.atRisk
    ?.evaluate(subjects, now)
    .catch((error) => deps.onBackgroundError?.('at-risk evaluation after survey responses', error));
}

async function recordInTransaction(uow: TPrismaUnitOfWork, options: TRecordSurveyResponsesOptions) {
  const { tx, now, queue } = uow;
  const { fresh, duplicates } = freshByExternalId(
    options.responses,
    await existingExternalIds(tx, externalIdsOf(options.responses)),
  );

  const customers = await resolveCustomers(uow, fresh, options.customers);
  const rows: TNewSurveyResponse[] = fresh.map((input) => ({
    kind: input.kind,
    score: input.score,
    customerId: customers.byKey.get(customerNameKey(input.customer))!.id,
    comment: input.comment?.trim() || null,
    respondedAt: input.respondedAt ?? now,
    externalId: input.externalId || null,
    source: options.source,
    recordedById: options.recordedById ?? null,
    createdAt: now,
  }));
  const inserted = await insertSurveyResponses(tx, rows);

  const items: TOutboxItem[] = [];
  const detractors = inserted.filter((response) => isDetractor(response.kind as TSurveyKind, response.score));
  const openByCustomer = await openEscalationsByCustomer(tx, [
    ...new Set(detractors.map((response) => response.customerId)),
  ]);
  const undated = new Set(fresh.filter((input) => input.undated && input.externalId).map((input) => input.externalId));
  const bridged = new Map<number, number>();
  const byEscalation = new Map<number, TSurveyResponse[]>();
  for (const response of detractors) {
    const open = openByCustomer.get(response.customerId);
    if (open === undefined || !isNewsFor(response.respondedAt, open.createdAt, now)) continue;
    if (response.externalId && undated.has(response.externalId)) continue;
    byEscalation.set(open.id, [...(byEscalation.get(open.id) ?? []), response]);
    bridged.set(response.id, open.id);
  }
  for (const [escalationId, responses] of byEscalation) {
    const customerName = customers.names.get(responses[0]!.customerId) ?? 'the customer';
    items.push(await bridgeToOpenEscalation(uow, responses, escalationId, customerName, options, now));
  }
  const stored = inserted.map((response) =>
    bridged.has(response.id) ? { ...response, escalationId: bridged.get(response.id)! } : response,
  );
  queue(items);
  return {
    customers: customers.byKey,
    result: {
      accepted: inserted.length,
      duplicates,
      recorded: stored.map((response) => ({
        response,
        customerName: customers.names.get(response.customerId) ?? '',
        bridgedTo: bridged.get(response.id) ?? null,
        customerCreated: customers.createdIds.has(response.customerId),
      })),
    },
  };
}

/**
 * A detractor response is news for an open escalation when it came after the escalation was flagged, or within the
 * last week. Older ones (an import of last year's history) are stored and counted in reports, but are not posted
 * into the escalation's thread or timeline: a year of history would flood them with what the advocate knew.
 */
export const BRIDGE_RECENT_DAYS = 7;
export function isNewsFor(respondedAt: Date, escalationCreatedAt: Date, now: Date): boolean {
  return (
    respondedAt.getTime() >= escalationCreatedAt.getTime() ||
    respondedAt.getTime() >= now.getTime() - BRIDGE_RECENT_DAYS * 86_400_000
  );
}

/** The customer a batch names, as recorded: the cache an import keeps from batch to batch. */
export interface TKnownCustomer {
  id: number;
  name: string;
}

/**
 * Each named customer's record, following merges; created on first mention. Names the caller's cache knows cost
 * nothing; the rest are fetched in one query, and those never seen are created together (a single new name
 * goes through findOrCreateCustomer, like every other capability's).
 */
async function resolveCustomers(
  { tx, q, now }: TPrismaUnitOfWork,
  inputs: TSurveyInput[],
  cache: Map<string, TKnownCustomer> | undefined,
) {
  const byKey = new Map<string, TKnownCustomer>();
  const wanted = new Map<string, string>();
  // The first spelling in the batch names a new customer, as a person reading the file top-down would expect.
  for (const input of inputs) {
    const key = customerNameKey(input.customer);
    if (!wanted.has(key)) wanted.set(key, input.customer);
  }
  for (const [key] of wanted) {
    const known = cache?.get(key);
    if (known) byKey.set(key, known);
  }
  const unknown = [...wanted.keys()].filter((key) => !byKey.has(key));
  const found = new Map((await customersByNameKey(tx, unknown)).map((row) => [row.nameKey, row]));
  const missing: { name: string; nameKey: string }[] = [];
  for (const key of unknown) {
    const row = found.get(key);
    if (row && row.mergedIntoId === null) byKey.set(key, { id: row.id, name: row.name });
    else if (row) {
      const survivor = (await findCustomerByName(tx, row.name)) ?? row;
      byKey.set(key, { id: survivor.id, name: survivor.name });
    } else missing.push({ name: wanted.get(key)!.trim().replace(/\s+/g, ' '), nameKey: key });
  }
  if (missing.length === 1) {
    const { customer } = await findOrCreateCustomer(q, missing[0]!.name, now);
    byKey.set(missing[0]!.nameKey, { id: customer.id, name: customer.name });
  } else if (missing.length > 1) {
    await insertCustomers(tx, missing, now);
    for (const row of await customersByNameKey(
      tx,
      missing.map((customer) => customer.nameKey),
    )) {
      byKey.set(row.nameKey, { id: row.id, name: row.name });
    }
  }
  const names = new Map([...byKey.values()].map((customer) => [customer.id, customer.name]));
  // Keys named for the first time (a race lost to another request still counts: what was typed was new here).
  const createdKeys = new Set(missing.map((customer) => customer.nameKey));
  return { byKey, names, createdIds: new Set([...createdKeys].map((key) => byKey.get(key)?.id)) };
}

/**
 * Each response joins the escalation's timeline; its thread hears one line for the batch, so an import of forty
 * detractors for one customer is "40 new detractor responses", not forty messages.
 */
async function bridgeToOpenEscalation(
  { tx, q }: TPrismaUnitOfWork,
  responses: TSurveyResponse[],
  escalationId: number,
  customerName: string,
  options: TRecordSurveyResponsesOptions,
  now: Date,
): Promise<TOutboxItem> {
  const actorId = options.source === 'manual' ? (options.recordedById ?? 'unknown') : ACTOR[options.source];
  for (const response of responses) {
    await setResponseEscalation(tx, response.id, escalationId);
    const detail = response.comment ? quoteComment(response.comment, 500).trim() : undefined;
    await addTimelineEntry(
      q,
      detractorResponseEntry(response, escalationId, { actorId, via: VIA[options.source] }, detail, now),
    );
  }
  const first = responses[0]!;
  const latest = responses.reduce((a, b) => (b.respondedAt.getTime() > a.respondedAt.getTime() ? b : a));
  return {
    dedupeKey: outboxKey.surveyBridge(first.id, escalationId),
    message: {
      kind: 'escalation.note',
      escalationId,
      note:
        responses.length === 1
          ? {
              type: 'detractor_joined',
              customerName,
              survey: first.kind,
              score: first.score,
              comment: first.comment,
              recordedById: options.source === 'manual' ? (options.recordedById ?? null) : null,
            }
          : {
              type: 'detractors_joined',
              customerName,
              count: responses.length,
              scores: responses.map((response) => `${response.kind.toUpperCase()} ${response.score}`).slice(0, 20),
              latestComment: latest.comment,
            },
    },
  };
}
