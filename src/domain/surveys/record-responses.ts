import type { TTransaction } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { customerNameKey, findCustomerByName, findOrCreateCustomer } from '../../db/repositories/customers';
import { enqueueOutbox } from '../../db/repositories/outbox';
import {
  existingExternalIds,
  insertSurveyResponses,
  openEscalationIdsByCustomer,
  setResponseEscalation,
  type TNewSurveyResponse,
  type TSurveyResponse,
} from '../../db/repositories/surveys';
import { addTimelineEntry, type TVia } from '../../db/repositories/timeline';
import type { TDomainDeps } from '../deps';
import { escalationRef } from '../escalations/vocabulary';
import type { TOutboxItem } from '../outbox/messages';
import { isDetractor, type TSurveyKind } from './survey-maths';

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
}

export interface TRecordSurveyResponsesOptions {
  source: TSurveySource;
  /** The agent who typed `/advocate nps|csat`. */
  recordedById?: string;
  responses: TSurveyInput[];
  /**
   * Name key → customer id, kept by a caller that records many batches (an import) so each customer is looked up
   * once per run rather than once per batch. Filled only with ids that were committed.
   */
  customerIds?: Map<string, number>;
}

export interface TRecordedResponse {
  response: TSurveyResponse;
  customerName: string;
  /** The open escalation this detractor response was added to, if any. */
  bridgedTo: number | null;
}

export interface TRecordSurveyResponsesResult {
  accepted: number;
  duplicates: number;
  recorded: TRecordedResponse[];
}

/**
 * Hooks later capabilities add to recording (the customers capability announces customers at risk). Called once
 * per response stored, inside the recording transaction; `response.source` tells an import's historical rows apart.
 */
export type TSurveyRecordedHook = (tx: TTransaction, response: TSurveyResponse, now: Date) => Promise<TOutboxItem[]>;
const recordedHooks: TSurveyRecordedHook[] = [];
export const onSurveyRecorded = (hook: TSurveyRecordedHook) => recordedHooks.push(hook);

const VIA: Record<TSurveySource, TVia> = { webhook: 'webhook', manual: 'command', import: 'import' };
const ACTOR: Record<Exclude<TSurveySource, 'manual'>, string> = { webhook: 'survey tool', import: 'import' };
const MAX_ATTEMPTS = 3;

/** `NPS 3` / `CSAT 2` */
export const surveyLabel = (kind: string, score: number) => `${kind.toUpperCase()} ${score}`;

const quoteComment = (comment: string | null, max = 300) =>
  comment ? ` “${comment.length > max ? `${comment.slice(0, max - 1)}…` : comment}”` : '';

/** Thread lines are Slack mrkdwn, where a customer's `<` or `&` would otherwise be read as markup. */
const plain = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.db.prisma.$transaction((tx) => recordInTransaction(tx, deps.clock.now(), options), {
        maxWait: 10_000,
        timeout: 120_000,
      });
      for (const [key, id] of outcome.newCustomers) options.customerIds?.set(key, id);
      await deps.outbox.deliver(outcome.outboxIds);
      return outcome.result;
    } catch (error) {
      // Another request stored the same external id (or created the same customer) first: recount from scratch.
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function recordInTransaction(tx: TTransaction, now: Date, options: TRecordSurveyResponsesOptions) {
  const stored = await existingExternalIds(
    tx,
    options.responses.flatMap((input) => (input.externalId ? [input.externalId] : [])),
  );
  const fresh: TSurveyInput[] = [];
  let duplicates = 0;
  for (const input of options.responses) {
    if (input.externalId && stored.has(input.externalId)) {
      duplicates++;
      continue;
    }
    if (input.externalId) stored.add(input.externalId);
    fresh.push(input);
  }

  const customers = await resolveCustomers(tx, fresh, options.customerIds);
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
  const openByCustomer = await openEscalationIdsByCustomer(tx, [
    ...new Set(detractors.map((response) => response.customerId)),
  ]);
  const bridged = new Map<number, number>();
  for (const response of detractors) {
    const escalationId = openByCustomer.get(response.customerId);
    if (escalationId === undefined) continue;
    const customerName = customers.names.get(response.customerId) ?? 'the customer';
    items.push(...(await bridgeToOpenEscalation(tx, response, escalationId, customerName, options, now)));
    bridged.set(response.id, escalationId);
  }
  for (const response of inserted) {
    for (const hook of recordedHooks) items.push(...(await hook(tx, response, now)));
  }
  const outboxIds = await enqueueOutbox(tx, items, now);
  return {
    outboxIds,
    newCustomers: [...customers.byKey].map(([key, customer]) => [key, customer.id] as const),
    result: {
      accepted: inserted.length,
      duplicates,
      recorded: inserted.map((response) => ({
        response: bridged.has(response.id) ? { ...response, escalationId: bridged.get(response.id)! } : response,
        customerName: customers.names.get(response.customerId) ?? '',
        bridgedTo: bridged.get(response.id) ?? null,
      })),
    },
  };
}

/**
 * Each named customer's record, following merges; created on first mention. Names already known to the caller's
 * cache cost nothing; the rest are fetched in one query, and only names never seen are created one by one.
 */
async function resolveCustomers(tx: TTransaction, inputs: TSurveyInput[], cache: Map<string, number> | undefined) {
  const byKey = new Map<string, { id: number; name: string }>();
  const names = new Map<number, string>();
  const wanted = new Map<string, string>();
  // The first spelling in the batch names a new customer, as a person reading the file top-down would expect.
  for (const input of inputs) {
    const key = customerNameKey(input.customer);
    if (!wanted.has(key)) wanted.set(key, input.customer);
  }
  const unknown = [...wanted.keys()].filter((key) => !cache?.has(key));
  const found = unknown.length
    ? await tx.customer.findMany({
        where: { nameKey: { in: unknown } },
        select: { id: true, name: true, nameKey: true, mergedIntoId: true },
      })
    : [];
  const foundByKey = new Map(found.map((row) => [row.nameKey, row]));
  const cachedIds = [...wanted.keys()].flatMap((key) => (cache?.has(key) ? [cache.get(key)!] : []));
  const cachedRows = cachedIds.length
    ? await tx.customer.findMany({ where: { id: { in: cachedIds } }, select: { id: true, name: true } })
    : [];
  const cachedNames = new Map(cachedRows.map((row) => [row.id, row.name]));
  for (const [key, name] of wanted) {
    const cachedId = cache?.get(key);
    let customer: { id: number; name: string } | null =
      cachedId !== undefined && cachedNames.has(cachedId) ? { id: cachedId, name: cachedNames.get(cachedId)! } : null;
    if (!customer) {
      const row = foundByKey.get(key);
      customer =
        row && row.mergedIntoId === null
          ? row
          : ((await findCustomerByName(tx, name)) ?? (await findOrCreateCustomer(tx, name)));
    }
    byKey.set(key, { id: customer.id, name: customer.name });
    names.set(customer.id, customer.name);
  }
  return { byKey, names };
}

async function bridgeToOpenEscalation(
  tx: TTransaction,
  response: TSurveyResponse,
  escalationId: number,
  customerName: string,
  options: TRecordSurveyResponsesOptions,
  now: Date,
): Promise<TOutboxItem[]> {
  await setResponseEscalation(tx, response.id, escalationId);
  const label = surveyLabel(response.kind, response.score);
  const actorId = options.source === 'manual' ? (options.recordedById ?? 'unknown') : ACTOR[options.source];
  await addTimelineEntry(tx, {
    escalationId,
    customerId: response.customerId,
    actorId,
    action: 'detractor response',
    toValue: label,
    via: VIA[options.source],
    detail: response.comment ? quoteComment(response.comment, 500).trim() : undefined,
    at: now,
  });
  const by = options.source === 'manual' && options.recordedById ? ` (recorded by <@${options.recordedById}>)` : '';
  return [
    {
      dedupeKey: `survey:${response.id}:bridge:${escalationId}`,
      message: {
        kind: 'thread.line',
        escalationId,
        text: `:speech_balloon: New detractor response from *${plain(customerName)}*: ${label}${plain(quoteComment(response.comment))}${by} — added to ${escalationRef(escalationId)}'s timeline.`,
      },
    },
  ];
}
