import { findCustomerById, type TCustomer } from '../customers/customers-repository';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDb } from '../shared/db/client';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { fromOutside, mrkdwn } from '../shared/text/mrkdwn';
import {
  addTimelineEntry,
  firstThemeCustomerEntry,
  type TVia,
  themeCustomerPairsWithAction,
} from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import { findTheme, type TTheme } from './themes-repository';

/** The timeline action of an owner saying they told their customer about a resolved theme. */
export const CUSTOMER_TOLD = 'customer told';

/** Which of these themes' customers their owners have told, by theme: one timeline entry per theme and customer. */
export async function customersToldOf(db: TDb, themeIds: number[]): Promise<Map<number, Set<number>>> {
  const told = new Map<number, Set<number>>();
  if (themeIds.length === 0) return told;
  for (const row of await themeCustomerPairsWithAction(db, themeIds, CUSTOMER_TOLD)) {
    const set = told.get(row.themeId) ?? new Set<number>();
    set.add(row.customerId);
    told.set(row.themeId, set);
  }
  return told;
}

export interface TCustomerToldOptions {
  themeId: number;
  customerId: number;
  actorId: string;
  via: TVia;
}

/**
 * Records that the account owner told the customer about the theme's fix: one entry that stands in both the theme's
 * and the customer's timeline, once (a second press changes nothing), and the theme card's "customers told" follows.
 */
export async function recordCustomerTold(
  deps: TDomainDeps,
  options: TCustomerToldOptions,
): Promise<{ theme: TTheme; customer: TCustomer; toldAt: Date; already: boolean }> {
  const [theme, customer] = [
    await findTheme(deps.db.prisma, options.themeId),
    await findCustomerById(deps.db.prisma, options.customerId),
  ];
  if (!theme || !customer)
    throw new AppError(ErrorCode.NotFound, { userMessage: 'That theme or customer no longer exists.' });
  // Only the account's owner speaks for having told the customer (an advocate may record it for them).
  if (customer.owner !== options.actorId && !(await deps.authz.canManageAccounts(options.actorId)))
    throw new AppError(ErrorCode.Forbidden, {
      userMessage:
        mrkdwn`Only ${fromOutside(customer.name)}'s account owner (or an advocate) can say the customer was told; nothing was recorded.`
          .text,
    });
  return runUnitOfWork(deps, {}, async ({ tx, q, now, queue }) => {
    const earlier = await firstThemeCustomerEntry(tx, theme.id, customer.id, CUSTOMER_TOLD);
    if (earlier) return { theme, customer, toldAt: earlier.createdAt, already: true };
    const entry = await addTimelineEntry(q, {
      themeId: theme.id,
      customerId: customer.id,
      actorId: options.actorId,
      action: CUSTOMER_TOLD,
      toValue: customer.name,
      via: options.via,
      at: now,
    });
    queue([
      {
        dedupeKey: outboxKey.customerTold(theme.id, entry.id),
        message: { kind: 'theme.card.update', themeId: theme.id },
      },
    ]);
    return { theme, customer, toldAt: now, already: false };
  });
}
