import type { TDomainDeps } from '../shared/deps';
import { evaluateAtRisk, type TAtRiskCustomer } from './at-risk';
import { findCustomerByName, findCustomerFollowingMerges, type TCustomer } from './customers-repository';
import { closeExistingCustomerName } from './suggest-customers';

/** The customer with this id, or the one it was merged into; null when there is none. */
export function findCustomer(deps: Pick<TDomainDeps, 'db'>, id: number): Promise<TCustomer | null> {
  return findCustomerFollowingMerges(deps.db.prisma, id);
}

/** Every customer at risk now, most reasons first. */
export function customersAtRisk(deps: Pick<TDomainDeps, 'db' | 'clock'>, timeZone: string): Promise<TAtRiskCustomer[]> {
  return evaluateAtRisk(deps.db.prisma, deps.clock.now(), timeZone);
}

/** An existing customer whose name is close to one just created (a likely typo), or null. */
export function existingCustomerNear(deps: Pick<TDomainDeps, 'db'>, createdName: string): Promise<string | null> {
  return closeExistingCustomerName(deps.db.prisma, createdName);
}

/** The first of `names` that an existing customer bears (following merges): its place in the list and stored name. */
export async function firstExistingCustomer(
  deps: Pick<TDomainDeps, 'db'>,
  names: readonly string[],
): Promise<{ index: number; name: string } | null> {
  for (const [index, name] of names.entries()) {
    const existing = await findCustomerByName(deps.db.prisma, name);
    if (existing) return { index, name: existing.name };
  }
  return null;
}
