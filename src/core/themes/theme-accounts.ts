import { isSlackUserId } from '../customers/account-facts';
import { detractorCountsSince } from '../customers/customers-repository';
import { renewsWithin, revenueAtStake, type TRevenueAtStake, tierMix } from '../customers/revenue';
import type { TDb } from '../shared/db/client';
import { customersToldOf } from './customer-told';
import { customerKey } from './theme-summary';
import type { TTheme } from './themes-repository';

const DAY_MS = 86_400_000;
/** Detractor responses from affected accounts count over this many days. */
export const THEME_DETRACTOR_DAYS = 90;

export interface TAccountSettings {
  tiers: readonly string[];
  renewalWindowDays: number;
}

/** What a theme puts at stake, account by account: the figures an advocate takes to engineering. */
export interface TThemeAccounts {
  stake: TRevenueAtStake;
  /** "2 enterprise, 1 growth", highest tier first. */
  tierMix: string;
  renewals: { count: number; nearest: Date | null; windowDays: number };
  detractors: number;
  /** Customers whose owner said they told them (resolved themes), of `owned`: those with an owner in Slack. */
  told: number;
  owned: number;
}

type TAccount = NonNullable<TTheme['escalations'][number]['customer']>;

/** The distinct accounts of a theme's escalations (a merged record counts as its survivor). */
export function accountsOfTheme(theme: Pick<TTheme, 'escalations'>): TAccount[] {
  const byKey = new Map<number, TAccount>();
  for (const { customer } of theme.escalations)
    if (customer && !byKey.has(customerKey(customer))) byKey.set(customerKey(customer), customer);
  return [...byKey.values()];
}

/** Pure: the figures from the accounts, the detractor count and who was told. */
export function themeAccountFigures(
  accounts: TAccount[],
  now: Date,
  settings: TAccountSettings,
  detractors: number,
  told: number,
): TThemeAccounts {
  const renewing = accounts
    .filter((account) => renewsWithin(account.renewalAt, now, settings.renewalWindowDays))
    .map((account) => account.renewalAt!)
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    stake: revenueAtStake(accounts.map((account) => ({ id: customerKey(account), arr: account.arr }))),
    tierMix: tierMix(
      accounts.map((account) => account.tier),
      settings.tiers,
    ),
    renewals: { count: renewing.length, nearest: renewing[0] ?? null, windowDays: settings.renewalWindowDays },
    detractors,
    told,
    owned: accounts.filter((account) => isSlackUserId(account.owner)).length,
  };
}

/** Reads what the figures need beyond the theme itself: detractor responses and "told" entries. */
export async function themeAccounts(
  db: TDb,
  theme: TTheme,
  now: Date,
  settings: TAccountSettings,
): Promise<TThemeAccounts> {
  const accounts = accountsOfTheme(theme);
  const ids = accounts.map((account) => customerKey(account));
  const detractors = ids.length
    ? (await detractorCountsSince(db, new Date(now.getTime() - THEME_DETRACTOR_DAYS * DAY_MS), ids)).reduce(
        (sum, row) => sum + row.count,
        0,
      )
    : 0;
  const told = (await customersToldOf(db, [theme.id])).get(theme.id)?.size ?? 0;
  return themeAccountFigures(accounts, now, settings, detractors, told);
}
