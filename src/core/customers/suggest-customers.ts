import type { TDb } from '../shared/db/client';
import { customerKeysContainingAny, customerNameKey, findCustomerFollowingMerges } from './customers-repository';
import { rankByName, searchFragments } from './name-similarity';

/**
 * The most rows read to rank suggestions. The database narrows the table to names sharing a 3-letter piece with
 * what was typed; this cap keeps a very common piece ("inc", "cor") from loading a large table, at the cost of
 * possibly missing a close name among tens of thousands that share only that piece.
 */
export const SUGGESTION_CANDIDATES = 2000;

/**
 * Up to `limit` existing customer names close to `name` (trigram similarity, at least 0.25, or containing it), best
 * first. An alias suggests the customer it was merged into.
 */
export async function suggestCustomerNames(db: TDb, name: string, limit = 5): Promise<string[]> {
  const key = customerNameKey(name);
  if (!key) return [];
  const candidates = await customerKeysContainingAny(db, searchFragments(key), SUGGESTION_CANDIDATES);
  const names: string[] = [];
  for (const candidate of rankByName(key, candidates, limit * 2)) {
    const survivor = candidate.mergedIntoId ? await findCustomerFollowingMerges(db, candidate.id) : candidate;
    if (survivor && !names.includes(survivor.name)) names.push(survivor.name);
    if (names.length === limit) break;
  }
  return names;
}

/**
 * For a customer that was just created from what someone typed: the closest existing customer's name, when there is
 * one (`Acme` beside `Acme Corp`), so the person can be asked whether they meant it. Null when nothing is close.
 */
export async function closeExistingCustomerName(db: TDb, createdName: string): Promise<string | null> {
  const key = customerNameKey(createdName);
  const names = await suggestCustomerNames(db, createdName, 3);
  return names.find((name) => customerNameKey(name) !== key) ?? null;
}
