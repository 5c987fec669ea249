import type { TDomainDeps } from '../shared/deps';
import { accountsOfTheme, type TAccountSettings, type TThemeAccounts, themeAccountFigures } from './theme-accounts';
import { listOpenThemes, type TTheme } from './themes-repository';

export interface TThemeAtStake {
  theme: TTheme;
  accounts: TThemeAccounts;
}

/** Pure: open themes ranked by ARR at stake, then by customers affected, then oldest first. */
export function rankThemesByStake(themes: TTheme[], now: Date, settings: TAccountSettings): TThemeAtStake[] {
  return themes
    .map((theme) => ({ theme, accounts: themeAccountFigures(accountsOfTheme(theme), now, settings, 0, 0) }))
    .sort(
      (a, b) =>
        b.accounts.stake.arr - a.accounts.stake.arr ||
        b.accounts.stake.customers - a.accounts.stake.customers ||
        a.theme.id - b.theme.id,
    );
}

/** `/advocate themes` and the weekly report: the open themes, most revenue at stake first. */
export async function themesByStake(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  settings: TAccountSettings,
): Promise<TThemeAtStake[]> {
  return rankThemesByStake(await listOpenThemes(deps.db.prisma), deps.clock.now(), settings);
}
