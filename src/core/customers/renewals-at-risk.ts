import { SEVERITIES } from '../escalations/escalation-vocabulary';
import type { TDomainDeps } from '../shared/deps';
import {
  customersRenewingBetween,
  detractorCountsSince,
  openEscalationsBySeverity,
  type TCustomer,
} from './customers-repository';

const DAY_MS = 86_400_000;
/** Detractor responses this recent make a coming renewal worth a look. */
export const RENEWAL_DETRACTOR_DAYS = 90;

export interface TTroubledRenewal {
  customer: TCustomer;
  openEscalations: number;
  detractors: number;
}

/**
 * The renewals within `windowDays` whose account has an open escalation or a detractor response in the last 90 days:
 * the weekly report's list of revenue to save before the date. Soonest first.
 */
export async function troubledRenewals(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  windowDays: number,
): Promise<TTroubledRenewal[]> {
  const db = deps.db.prisma;
  const now = deps.clock.now();
  const renewing = await customersRenewingBetween(
    db,
    new Date(now.getTime() - DAY_MS),
    new Date(now.getTime() + windowDays * DAY_MS),
  );
  if (renewing.length === 0) return [];
  const ids = renewing.map((customer) => customer.id);
  const open = new Map<number, number>();
  for (const row of await openEscalationsBySeverity(db, [...SEVERITIES], ids))
    open.set(row.customerId!, (open.get(row.customerId!) ?? 0) + 1);
  const detractors = new Map(
    (await detractorCountsSince(db, new Date(now.getTime() - RENEWAL_DETRACTOR_DAYS * DAY_MS), ids)).map((row) => [
      row.customerId,
      row.count,
    ]),
  );
  return renewing
    .map((customer) => ({
      customer,
      openEscalations: open.get(customer.id) ?? 0,
      detractors: detractors.get(customer.id) ?? 0,
    }))
    .filter((entry) => entry.openEscalations > 0 || entry.detractors > 0);
}
