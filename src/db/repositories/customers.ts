import type { TDb } from '../client';
import { isUniqueViolation } from '../errors';
import type { Customer } from '../generated/sqlite';

export type TCustomer = Customer;

/** "  Acme   CORP " and "acme corp" are the same customer. */
export const customerNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Follows merges so that an alias always lands on the surviving record. */
async function resolveMerged(db: TDb, customer: TCustomer | null): Promise<TCustomer | null> {
  let current = customer;
  for (let hops = 0; current?.mergedIntoId && hops < 10; hops++) {
    current = await db.customer.findUnique({ where: { id: current.mergedIntoId } });
  }
  return current;
}

export async function findCustomerByName(db: TDb, name: string): Promise<TCustomer | null> {
  return resolveMerged(db, await db.customer.findUnique({ where: { nameKey: customerNameKey(name) } }));
}

/** The customer named, created on first mention. Safe when two requests name a new customer at once. */
export async function findOrCreateCustomer(db: TDb, name: string): Promise<TCustomer> {
  const existing = await findCustomerByName(db, name);
  if (existing) return existing;
  const displayName = name.trim().replace(/\s+/g, ' ');
  try {
    return await db.customer.create({ data: { name: displayName, nameKey: customerNameKey(name) } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findCustomerByName(db, name);
    if (!raced) throw error;
    return raced;
  }
}
