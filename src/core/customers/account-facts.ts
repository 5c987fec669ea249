import { DateTime } from 'luxon';
import { z } from 'zod';
import type { TSqlQueryable, TSqlValue } from '../shared/db/sql';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';

/**
 * What Advocate knows about an account besides its name and lifecycle: who owns it, its tier, when it renews, its
 * ARR and its web domains. `undefined` leaves a fact as it is; `null` clears it.
 */
export interface TAccountFacts {
  /** A Slack user id (U…/W…), or an email address kept as text when no Slack user has it. */
  owner?: string | null;
  tier?: string | null;
  renewalAt?: Date | null;
  arr?: number | null;
  domains?: string[] | null;
}

export type TAccountFactName = keyof TAccountFacts;
export const ACCOUNT_FACT_NAMES: readonly TAccountFactName[] = ['owner', 'tier', 'renewalAt', 'arr', 'domains'];

export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
export const isSlackUserId = (owner: string | null | undefined): boolean => SLACK_USER_ID.test(owner ?? '');

const EMAIL = z.email();
export const isEmail = (text: string) => EMAIL.safeParse(text).success;

export const MAX_DOMAINS = 20;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "https://www.Acme.com/pricing" → "acme.com"; null when it is not a host name. */
export function domainOf(text: string): string | null {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '');
  return HOST.test(host) ? host : null;
}

export const ownerField = () =>
  z
    .string('must be a Slack user id such as "U0123ABCD" or an email address')
    .trim()
    .refine(
      (owner) => SLACK_USER_ID.test(owner) || isEmail(owner),
      'must be a Slack user id such as "U0123ABCD" or an email address',
    )
    .transform((owner) => (isEmail(owner) ? owner.toLowerCase() : owner));

export const tierField = (tiers: readonly string[]) =>
  z
    .string(`must be one of ${tiers.join(', ')}`)
    .trim()
    .transform((tier) => tier.toLowerCase())
    .refine((tier) => tiers.includes(tier), `must be one of ${tiers.join(', ')}`);

/** A renewal is a calendar day: "2027-03-31" (a date-time keeps its day in `timeZone`). */
export function parseRenewalDate(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  for (const parsed of [
    DateTime.fromISO(trimmed, { zone: timeZone }),
    DateTime.fromFormat(trimmed, 'M/d/yyyy', { zone: timeZone }),
    DateTime.fromSQL(trimmed, { zone: timeZone }),
  ]) {
    if (parsed.isValid) return parsed.startOf('day').toJSDate();
  }
  return null;
}

export const renewalAtField = (timeZone: string) =>
  z.string('must be an ISO 8601 date such as "2027-03-31"').transform((text, ctx) => {
    const at = parseRenewalDate(text, timeZone);
    if (at) return at;
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date such as "2027-03-31"' });
    return z.NEVER;
  });

export const arrField = () =>
  z
    .number('must be a number (annual recurring revenue)')
    .nonnegative('must not be negative')
    .max(1e12, 'must be at most 1,000,000,000,000');

export const domainsField = () =>
  z
    .array(z.string('must be host names such as "acme.com"'), 'must be an array of host names such as ["acme.com"]')
    .max(MAX_DOMAINS, `must name at most ${MAX_DOMAINS} domains`)
    .transform((list, ctx) => {
      const hosts: string[] = [];
      for (const [index, text] of list.entries()) {
        const host = domainOf(text);
        if (!host) {
          ctx.addIssue({ code: 'custom', path: [index], message: `"${text}" is not a host name such as "acme.com"` });
          return z.NEVER;
        }
        if (!hosts.includes(host)) hosts.push(host);
      }
      return hosts;
    });

export interface TStoredFacts {
  id: number;
  owner: string | null;
  tier: string | null;
  renewalAt: Date | null;
  arr: number | null;
  domains: string | null;
}

export const domainsOf = (stored: string | null): string[] => (stored ? stored.split(',').filter(Boolean) : []);

const shown = (name: TAccountFactName, value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (name === 'renewalAt') return (value as Date).toISOString().slice(0, 10);
  if (name === 'domains') return (value as string[]).join(',') || null;
  return String(value);
};

export interface TFactChange {
  fact: TAccountFactName;
  from: string | null;
  to: string | null;
}

/** Which facts `facts` would change on `current`, as they read in the timeline. Pure. */
export function factChanges(current: TStoredFacts, facts: TAccountFacts): TFactChange[] {
  const changes: TFactChange[] = [];
  for (const fact of ACCOUNT_FACT_NAMES) {
    if (facts[fact] === undefined) continue;
    const before = fact === 'domains' ? shown(fact, domainsOf(current.domains)) : shown(fact, current[fact]);
    const after = shown(fact, facts[fact]);
    if (before !== after) changes.push({ fact, from: before, to: after });
  }
  return changes;
}

export interface TApplyFactsOptions {
  actorId: string;
  via: TVia;
  now: Date;
}

/**
 * Writes the facts that changed and one timeline line per change, in the caller's transaction; nothing when
 * nothing changed, so a CRM sending the same account every night leaves no trace.
 */
export async function applyAccountFacts(
  q: TSqlQueryable,
  current: TStoredFacts,
  facts: TAccountFacts,
  options: TApplyFactsOptions,
): Promise<TFactChange[]> {
  const changes = factChanges(current, facts);
  if (changes.length === 0) return changes;
  const sets: string[] = [];
  const values: TSqlValue[] = [];
  for (const { fact } of changes) {
    const value = facts[fact];
    sets.push(`"${fact}" = ?`);
    values.push(
      fact === 'domains' ? ((value as string[] | null)?.join(',') ?? null) || null : ((value ?? null) as TSqlValue),
    );
  }
  await q.run(`UPDATE "Customer" SET ${sets.join(', ')}, "updatedAt" = ? WHERE "id" = ?`, [
    ...values,
    options.now,
    current.id,
  ]);
  for (const change of changes) {
    await addTimelineEntry(q, {
      customerId: current.id,
      actorId: options.actorId,
      action: `account-${change.fact === 'renewalAt' ? 'renewal' : change.fact}`,
      fromValue: change.from,
      toValue: change.to,
      via: options.via,
      at: options.now,
    });
  }
  return changes;
}

export const hasFacts = (facts: TAccountFacts | undefined): facts is TAccountFacts =>
  facts !== undefined && ACCOUNT_FACT_NAMES.some((fact) => facts[fact] !== undefined);
