const DAY_MS = 86_400_000;

/** "$120,000" below a million, "$1.2M" from there ("$12M", "$1.25M" is rounded to "$1.3M"). */
export function formatMoney(amount: number): string {
  if (amount >= 1_000_000) {
    const millions = amount / 1_000_000;
    const shown = millions >= 10 ? Math.round(millions).toString() : (Math.round(millions * 10) / 10).toString();
    return `$${shown}M`;
  }
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}

/** `ARR $120,000` (../shared/INTERFACE.md "Accounts"); null when the ARR is not known. */
export const arrWords = (arr: number | null | undefined): string | null =>
  arr === null || arr === undefined ? null : `ARR ${formatMoney(arr)}`;

/** Whole calendar days from `now` to `at` (renewal dates are stored as the start of their day). */
export const daysUntil = (at: Date, now: Date): number => Math.ceil((at.getTime() - now.getTime()) / DAY_MS);

/** "renews in 41 days", "renews today", "renewal was 3 days ago". */
export function renewalWords(renewalAt: Date | null | undefined, now: Date): string | null {
  if (!renewalAt) return null;
  const days = daysUntil(renewalAt, now);
  if (days === 0) return 'renews today';
  if (days === 1) return 'renews tomorrow';
  if (days > 1) return `renews in ${days} days`;
  return `renewal was ${-days} day${days === -1 ? '' : 's'} ago`;
}

/** A renewal between now and `windowDays` ahead. */
export const renewsWithin = (renewalAt: Date | null | undefined, now: Date, windowDays: number): boolean =>
  !!renewalAt && renewalAt.getTime() >= now.getTime() - DAY_MS && daysUntil(renewalAt, now) <= windowDays;

/** The tiers present, highest first as ACCOUNT_TIERS orders them: "2 enterprise, 1 growth, 1 no tier". */
export function tierMix(tiers: (string | null)[], order: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const tier of tiers) counts.set(tier ?? '', (counts.get(tier ?? '') ?? 0) + 1);
  const ranked = [...counts.keys()].sort((a, b) => rank(a, order) - rank(b, order));
  return ranked.map((tier) => `${counts.get(tier)} ${tier || 'no tier'}`).join(', ');
}

const rank = (tier: string, order: readonly string[]) => {
  const index = order.indexOf(tier);
  return index < 0 ? order.length + (tier ? 0 : 1) : index;
};

export interface TRevenueAtStake {
  customers: number;
  /** Sum over the distinct accounts whose ARR is known. */
  arr: number;
  /** Accounts whose ARR is not known (counted, and said). */
  unknownArr: number;
}

/** ARR over distinct accounts: each customer once, however many escalations it has. */
export function revenueAtStake(accounts: { id: number; arr: number | null }[]): TRevenueAtStake {
  const distinct = new Map(accounts.map((account) => [account.id, account]));
  let arr = 0;
  let unknownArr = 0;
  for (const account of distinct.values()) {
    if (account.arr === null) unknownArr++;
    else arr += account.arr;
  }
  return { customers: distinct.size, arr, unknownArr };
}

/** "ARR $1.2M" or "ARR $1.2M (+2 without ARR)" or "ARR unknown". */
export function stakeWords(stake: TRevenueAtStake): string {
  if (stake.customers === 0) return 'no customers';
  const known = stake.customers - stake.unknownArr;
  if (known === 0) return `ARR unknown (${stake.unknownArr} without ARR)`;
  return `ARR ${formatMoney(stake.arr)}${stake.unknownArr ? ` (+${stake.unknownArr} without ARR)` : ''}`;
}
