import { isSlackUserId } from '../customers/account-facts';
import type { TDomainDeps } from '../shared/deps';
import { customersToldOf } from './customer-told';
import { accountsOfTheme } from './theme-accounts';
import { themesResolvedBetween } from './themes-repository';

const DAY_MS = 86_400_000;
/** An owner has this long to tell their customer before the open digest reminds everyone. */
export const TELL_CUSTOMER_DAYS = 7;
/** Older resolutions are not chased any more. */
const CHASE_DAYS = 60;

export interface TUntoldAccount {
  themeId: number;
  title: string;
  resolvedAt: Date;
  customerId: number;
  customerName: string;
  ownerId: string;
}

/** Accounts of themes resolved more than 7 days ago (up to 60) whose owners have not said they told the customer. */
export async function untoldCustomers(deps: Pick<TDomainDeps, 'db' | 'clock'>): Promise<TUntoldAccount[]> {
  const now = deps.clock.now();
  const themes = await themesResolvedBetween(
    deps.db.prisma,
    new Date(now.getTime() - CHASE_DAYS * DAY_MS),
    new Date(now.getTime() - TELL_CUSTOMER_DAYS * DAY_MS),
  );
  const told = await customersToldOf(
    deps.db.prisma,
    themes.map((theme) => theme.id),
  );
  const untold: TUntoldAccount[] = [];
  for (const theme of themes) {
    for (const account of accountsOfTheme(theme)) {
      if (!isSlackUserId(account.owner) || told.get(theme.id)?.has(account.id)) continue;
      untold.push({
        themeId: theme.id,
        title: theme.title,
        resolvedAt: theme.resolvedAt!,
        customerId: account.id,
        customerName: account.name,
        ownerId: account.owner!,
      });
    }
  }
  return untold;
}
