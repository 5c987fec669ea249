import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/escalation-vocabulary';
import type { TColumnSpecs } from '../imports/import-columns';
import { EXTERNAL_ID_MAX_LENGTH } from '../imports/import-input-fields';
import { runCsvImport, type TImportProgress, type TImportSummary } from '../imports/run-import';
import type { TDomainDeps } from '../shared/deps';
import { FUTURE_SKEW_MS } from '../surveys/survey-input';
import { domainOf, isEmail, isSlackUserId, MAX_DOMAINS, parseRenewalDate } from './account-facts';
import type { TLifecycleEventKind } from './customer-lifecycle';
import { customerNameKey } from './customers-repository';
import { resolveOwners, type TOwnerDirectory } from './owner-directory';
import { recordCustomerEvents, refreshLifecyclesOf, type TLifecycleInput } from './record-lifecycle';

export type TCustomerField =
  | 'customer'
  | 'event'
  | 'at'
  | 'externalId'
  | 'arr'
  | 'ownerEmail'
  | 'owner'
  | 'tier'
  | 'renewalAt'
  | 'domains';

const FACT_FIELDS = ['ownerEmail', 'owner', 'tier', 'renewalAt', 'domains'];

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
  // An account export (Salesforce, HubSpot) has facts and no events: then every row is an `updated`.
  event: {
    headers: ['event', 'status', 'lifecycle event', 'lifecycle stage', 'stage'],
    requiredIf: (present) => !FACT_FIELDS.some((field) => present.has(field)),
  },
  at: {
    headers: ['at', 'date', 'event date', 'effective date', 'changed at', 'timestamp'],
    requiredIf: (present) => present.has('event'),
  },
  externalId: { headers: ['externalId', 'id', 'event id', 'external id', 'record id'] },
  arr: { headers: ['arr', 'annual recurring revenue', 'arr usd', 'annual revenue'] },
  ownerEmail: {
    headers: ['owner email', 'account owner email', 'company owner email', 'csm email', 'account manager email'],
  },
  owner: { headers: ['owner', 'account owner', 'company owner', 'csm', 'account manager', 'customer success manager'] },
  tier: { headers: ['tier', 'account tier', 'customer tier', 'plan', 'segment', 'account segment'] },
  renewalAt: {
    headers: ['renewalAt', 'renewal date', 'next renewal date', 'contract end date', 'renewal', 'contract end'],
  },
  domains: { headers: ['domains', 'domain', 'website', 'company domain name', 'domain name', 'web site'] },
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

export type TImportedCustomerRow = TLifecycleInput & {
  /** What the Owner column said when it was neither a Slack user id nor an email (a CRM user's name). */
  ownerName?: string;
};

/** "acme.com; www.acme.io" or "https://acme.com" → host names; null when one is not a host. */
function domainsOf(text: string): string[] | null {
  const hosts: string[] = [];
  for (const part of text.split(/[;,\s]+/).filter(Boolean)) {
    const host = domainOf(part);
    if (!host) return null;
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

export function customerRowSchema(options: { timeZone: string; now: () => Date; tiers: readonly string[] }) {
  const cell = z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '');
  const absent = z.undefined();
  return z
    .object({
      customer: cell,
      event: z.union([absent, cell]),
      at: cell,
      externalId: cell,
      arr: cell,
      ownerEmail: cell,
      owner: cell,
      tier: cell,
      renewalAt: cell,
      domains: cell,
    })
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
      const arr = parseArr(cells.arr);
      if (arr === 'bad') return issue('arr', `"${cells.arr}" is not an amount`);
      const tier = cells.tier.toLowerCase();
      if (tier && !options.tiers.includes(tier)) {
        return issue('tier', `"${cells.tier}" is not one of ${options.tiers.join(', ')} (ACCOUNT_TIERS)`);
      }
      const renewalAt = cells.renewalAt ? parseRenewalDate(cells.renewalAt, options.timeZone) : null;
      if (cells.renewalAt && !renewalAt) {
        return issue('renewalAt', `"${cells.renewalAt}" is not a date: use ISO 8601, e.g. 2027-03-31`);
      }
      const domains = cells.domains ? domainsOf(cells.domains) : null;
      if (cells.domains && !domains) return issue('domains', `"${cells.domains}" is not a host name such as acme.com`);
      if (domains && domains.length > MAX_DOMAINS) return issue('domains', `names over ${MAX_DOMAINS} domains`);
      const email = isEmail(cells.ownerEmail) ? cells.ownerEmail.toLowerCase() : undefined;
      if (cells.ownerEmail && !email) return issue('ownerEmail', `"${cells.ownerEmail}" is not an email address`);
      const named = isSlackUserId(cells.owner)
        ? cells.owner
        : isEmail(cells.owner)
          ? cells.owner.toLowerCase()
          : undefined;
      const facts = {
        owner: email ?? named,
        tier: tier || undefined,
        renewalAt: renewalAt ?? undefined,
        domains: domains ?? undefined,
      };
      const ownerName = !facts.owner && cells.owner ? cells.owner : undefined;
      if (cells.event === undefined) {
        return { customer, event: 'updated', arr, facts: { ...facts, arr: arr ?? undefined }, ownerName };
      }
      const event = eventOf(cells.event);
      if (!event) {
        return issue('event', cells.event ? `"${cells.event}" is not active, renewed or churned` : 'is empty');
      }
      if (!cells.at) return issue('at', 'is empty: each event needs the date it happened');
      const at = parseEventDate(cells.at, options.timeZone);
      if (!at) return issue('at', `"${cells.at}" is not a date: use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z`);
      if (at.getTime() > options.now().getTime() + FUTURE_SKEW_MS) return issue('at', `${cells.at} is in the future`);
      if (cells.externalId.length > EXTERNAL_ID_MAX_LENGTH) {
        return issue('externalId', `is over ${EXTERNAL_ID_MAX_LENGTH} characters`);
      }
      return {
        customer,
        event,
        at,
        arr,
        externalId: cells.externalId || eventContentId({ customer, event, at: cells.at, arr: cells.arr }),
        facts,
        ownerName,
      };
    });
}

export interface TImportCustomersOptions {
  input: AsyncIterable<string | Buffer> | Iterable<string>;
  /** For dates without an offset. */
  timeZone: string;
  /** ACCOUNT_TIERS. */
  tiers: readonly string[];
  /** Resolves owner emails to Slack users; without it (no Slack token) they stay text and are reported. */
  ownerDirectory?: TOwnerDirectory;
  batchSize?: number;
  onProgress?(progress: TImportProgress): void;
}

export type TCustomerImportSummary = TImportSummary & {
  customersCreated: number;
  customersUpdated: number;
  /** Owners kept as text (emails no Slack user has) or not stored (a CRM user's name). */
  unknownOwners: string[];
};

/**
 * Imports a CRM export of lifecycle events: each batch is recorded like webhook events (customers found or created,
 * repeats skipped, status following the latest date), one transaction per batch.
 */
export async function importCustomersCsv(
  deps: TDomainDeps,
  options: TImportCustomersOptions,
): Promise<TCustomerImportSummary> {
  const customerIds = new Map<string, number>();
  let customersCreated = 0;
  let customersUpdated = 0;
  const unknownOwners = new Set<string>();
  const summary = await runCsvImport({
    input: options.input,
    columns: CUSTOMER_COLUMNS,
    schema: customerRowSchema({ timeZone: options.timeZone, now: () => deps.clock.now(), tiers: options.tiers }),
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    writeBatch: async (rows) => {
      const owners = await resolveOwners(
        rows.map((row) => row.facts?.owner),
        options.ownerDirectory,
      );
      for (const owner of owners.unknown) unknownOwners.add(owner);
      for (const row of rows) if (row.ownerName) unknownOwners.add(row.ownerName);
      const events = rows.map((row) => ({
        ...row,
        facts: row.facts && { ...row.facts, owner: row.facts.owner && owners.stored.get(row.facts.owner) },
      }));
      const result = await recordCustomerEvents(deps, { source: 'import', events, customerIds, deferRefresh: true });
      customersCreated += result.customersCreated;
      customersUpdated += result.customersUpdated;
      return { written: result.accepted, duplicates: result.duplicates };
    },
  });
  // Once per customer named in the file (repeats included, so a re-run after a failure also sets them right).
  await refreshLifecyclesOf(deps, [...new Set(customerIds.values())]);
  return { ...summary, customersCreated, customersUpdated, unknownOwners: [...unknownOwners] };
}
