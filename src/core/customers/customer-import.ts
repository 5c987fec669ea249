import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/escalation-vocabulary';
import type { TColumnSpecs } from '../imports/import-columns';
import { EXTERNAL_ID_MAX_LENGTH } from '../imports/import-input-fields';
import { runCsvImport, type TImportProgress, type TImportSummary } from '../imports/run-import';
import type { TDomainDeps } from '../shared/deps';
import { FUTURE_SKEW_MS } from '../surveys/survey-input';
import type { TLifecycleEventKind } from './customer-lifecycle';
import { customerNameKey } from './customers-repository';
import { recordCustomerEvents, refreshLifecyclesOf, type TLifecycleInput } from './record-lifecycle';

export type TCustomerField = 'customer' | 'event' | 'at' | 'externalId' | 'arr';

/**
 * The columns of a CRM export: Advocate's names first, then what CRMs call them. Case, spaces, `_` and `-` in
 * headers are ignored, and columns may come in any order.
 */
export const CUSTOMER_COLUMNS: TColumnSpecs<TCustomerField> = {
  customer: {
    headers: [
      'customer',
      'name',
      'company',
      'customer name',
      'company name',
      'account',
      'account name',
      'organization',
    ],
    required: true,
  },
  event: { headers: ['event', 'status', 'lifecycle event', 'lifecycle stage', 'stage'], required: true },
  at: { headers: ['at', 'date', 'event date', 'effective date', 'changed at', 'timestamp'], required: true },
  externalId: { headers: ['externalId', 'id', 'event id', 'external id', 'record id'] },
  arr: { headers: ['arr', 'annual recurring revenue', 'arr usd', 'annual revenue'] },
};

const EVENT_WORDS: Record<string, TLifecycleEventKind> = {
  active: 'active',
  activated: 'active',
  new: 'active',
  won: 'active',
  renewed: 'renewed',
  renewal: 'renewed',
  churned: 'churned',
  churn: 'churned',
  cancelled: 'churned',
  canceled: 'churned',
  lost: 'churned',
};

/** "Active", "renewal", "Cancelled" → the event; anything else is a bad row. */
export const eventOf = (text: string): TLifecycleEventKind | null =>
  EVENT_WORDS[text.toLowerCase().replace(/[^a-z]/g, '')] ?? null;

/** "120000", "120,000.50", "$120,000", "EUR 9 500" → the number; an empty cell is no figure. */
export function parseArr(text: string): number | null | 'bad' {
  if (!text) return null;
  const digits = text.replace(/^[^\d.-]+|[^\d.]+$/g, '').replace(/[,\s\u00a0']/g, '');
  if (!/^\d+(\.\d+)?$/.test(digits)) return 'bad';
  return Number(digits);
}

/** ISO 8601 with an offset as is; a date-time without one, or a bare date, in `timeZone`. */
export function parseEventDate(text: string, timeZone: string): Date | null {
  for (const parsed of [DateTime.fromISO(text, { zone: timeZone }), DateTime.fromSQL(text, { zone: timeZone })]) {
    if (parsed.isValid) return parsed.toJSDate();
  }
  return null;
}

/**
 * A row without an event id gets a content hash as its id, so running the same file twice stores it once: the
 * customer (as matched), the event, the date as written and the ARR. Two rows identical in all of those are one.
 */
export function eventContentId(row: { customer: string; event: string; at: string; arr: string }) {
  const content = [customerNameKey(row.customer), row.event, row.at, row.arr].join('\u001f');
  return `csv-sha256:${createHash('sha256').update(content).digest('hex')}`;
}

export type TImportedCustomerRow = TLifecycleInput & { at: Date; externalId: string };

export function customerRowSchema(options: { timeZone: string; now: () => Date }) {
  const cell = z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '');
  return z
    .object({ customer: cell, event: cell, at: cell, externalId: cell, arr: cell })
    .transform((cells, ctx): TImportedCustomerRow => {
      const issue = (path: string, message: string) => {
        ctx.addIssue({ code: 'custom', path: [path], message });
        return z.NEVER;
      };
      const customer = cells.customer.replace(/\s+/g, ' ');
      if (!customer) return issue('customer', 'is empty');
      if (customer.length > CUSTOMER_NAME_MAX_LENGTH) {
        return issue('customer', `is over ${CUSTOMER_NAME_MAX_LENGTH} characters`);
      }
      const event = eventOf(cells.event);
      if (!event) {
        return issue('event', cells.event ? `"${cells.event}" is not active, renewed or churned` : 'is empty');
      }
      if (!cells.at) return issue('at', 'is empty: each event needs the date it happened');
      const at = parseEventDate(cells.at, options.timeZone);
      if (!at) return issue('at', `"${cells.at}" is not a date: use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z`);
      if (at.getTime() > options.now().getTime() + FUTURE_SKEW_MS) return issue('at', `${cells.at} is in the future`);
      const arr = parseArr(cells.arr);
      if (arr === 'bad') return issue('arr', `"${cells.arr}" is not an amount`);
      if (cells.externalId.length > EXTERNAL_ID_MAX_LENGTH) {
        return issue('externalId', `is over ${EXTERNAL_ID_MAX_LENGTH} characters`);
      }
      return {
        customer,
        event,
        at,
        arr,
        externalId: cells.externalId || eventContentId({ customer, event, at: cells.at, arr: cells.arr }),
      };
    });
}

export interface TImportCustomersOptions {
  input: AsyncIterable<string | Buffer> | Iterable<string>;
  /** For dates without an offset. */
  timeZone: string;
  batchSize?: number;
  onProgress?(progress: TImportProgress): void;
}

/**
 * Imports a CRM export of lifecycle events: each batch is recorded like webhook events (customers found or created,
 * repeats skipped, status following the latest date), one transaction per batch.
 */
export async function importCustomersCsv(
  deps: TDomainDeps,
  options: TImportCustomersOptions,
): Promise<TImportSummary & { customersCreated: number }> {
  const customerIds = new Map<string, number>();
  let customersCreated = 0;
  const summary = await runCsvImport({
    input: options.input,
    columns: CUSTOMER_COLUMNS,
    schema: customerRowSchema({ timeZone: options.timeZone, now: () => deps.clock.now() }),
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    writeBatch: async (rows) => {
      const result = await recordCustomerEvents(deps, {
        source: 'import',
        events: rows,
        customerIds,
        deferRefresh: true,
      });
      customersCreated += result.customersCreated;
      return { written: result.accepted, duplicates: result.duplicates };
    },
  });
  // Once per customer named in the file (repeats included, so a re-run after a failure also sets them right).
  await refreshLifecyclesOf(deps, [...new Set(customerIds.values())]);
  return { ...summary, customersCreated };
}
