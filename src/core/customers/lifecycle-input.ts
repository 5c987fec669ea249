import { DateTime } from 'luxon';
import { z } from 'zod';
import { customerNameField, externalIdField } from '../imports/import-input-fields';
import { FUTURE_SKEW_MS } from '../surveys/survey-input';
import { arrField, domainsField, ownerField, renewalAtField, tierField } from './account-facts';
import { LIFECYCLE_EVENTS } from './customer-lifecycle';

/** Lifecycle events, and `updated`: facts only, no lifecycle event and no effect on retention. */
export const CUSTOMER_EVENTS = [...LIFECYCLE_EVENTS, 'updated'] as const;
export type TCustomerEventKind = (typeof CUSTOMER_EVENTS)[number];

/** A calendar date alone ("2026-10-01", as CRMs export renewal dates) means the start of that day in `timeZone`. */
export function parseEventTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const day = DateTime.fromISO(trimmed, { zone: timeZone });
    return day.isValid ? day.toJSDate() : null;
  }
  if (!z.iso.datetime({ offset: true }).safeParse(trimmed).success) return null;
  return new Date(trimmed);
}

/**
 * One account lifecycle event as a CRM sends it (../shared/INTERFACE.md `POST /customers`). `now` is read per
 * validation, so "not in the future" follows the injected clock: status follows the latest `at`, and a future date
 * would make a customer churned (or active) before it happened.
 */
export function customerEventSchema(options: { now: () => Date; timeZone: string; tiers: readonly string[] }) {
  return z.object({
    customer: customerNameField(),
    event: z.enum(CUSTOMER_EVENTS, 'must be "active", "renewed", "churned" or "updated"'),
    at: z
      .string('must be an ISO 8601 date-time such as "2026-11-20T14:03:00Z" or a date such as "2026-11-20"')
      .transform((text, ctx) => {
        const at = parseEventTime(text, options.timeZone);
        if (at) return at;
        ctx.addIssue({
          code: 'custom',
          message: 'must be an ISO 8601 date-time such as "2026-11-20T14:03:00Z" or a date such as "2026-11-20"',
        });
        return z.NEVER;
      })
      .refine((date) => date.getTime() <= options.now().getTime() + FUTURE_SKEW_MS, 'must not be in the future')
      .optional(),
    externalId: externalIdField(),
    arr: arrField().nullish(),
    owner: ownerField().nullish(),
    tier: tierField(options.tiers).nullish(),
    renewalAt: renewalAtField(options.timeZone).nullish(),
    domains: domainsField().nullish(),
  });
}
