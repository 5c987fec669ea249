import type { TDb } from '../shared/db/client';
import { isUniqueViolation } from '../shared/db/database-errors';
import type { Delivery } from '../shared/db/generated/sqlite';

export type TDelivery = Delivery;

export interface TDeliveryKey {
  kind: string;
  channelId: string;
  /** The scheduled period this delivery covers, e.g. "2026-11-25T09:00" or "2026-W47". */
  period: string;
}

/**
 * Claims a delivery before it is sent: true for exactly one caller across restarts and replicas.
 * A delivery that failed may be claimed again (its row is reset to `sending` by one caller only).
 */
export async function claimDelivery(db: TDb, key: TDeliveryKey, trigger: string, now: Date): Promise<boolean> {
  try {
    await db.delivery.create({ data: { ...key, trigger, status: 'sending', createdAt: now } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const { count } = await db.delivery.updateMany({
    where: { ...key, status: 'failed' },
    data: { status: 'sending', error: null, trigger },
  });
  return count === 1;
}

export async function completeDelivery(db: TDb, key: TDeliveryKey, now: Date) {
  await db.delivery.updateMany({ where: key, data: { status: 'sent', sentAt: now, error: null } });
}

export async function failDelivery(db: TDb, key: TDeliveryKey, error: string) {
  await db.delivery.updateMany({ where: key, data: { status: 'failed', error } });
}

export async function findDelivery(db: TDb, key: TDeliveryKey): Promise<TDelivery | null> {
  return db.delivery.findUnique({ where: { kind_channelId_period: key } });
}

/** The last delivery of a kind to a channel that was sent, for "what changed since the previous digest". */
export async function lastSentDelivery(db: TDb, kind: string, channelId: string): Promise<TDelivery | null> {
  return db.delivery.findFirst({ where: { kind, channelId, status: 'sent' }, orderBy: { sentAt: 'desc' } });
}

/**
 * Marks a delivery that cannot succeed until someone changes something (the bot was removed from the channel, the
 * channel was archived): unlike `failed`, it is not claimed again for the same period.
 */
export async function skipDelivery(db: TDb, key: TDeliveryKey, error: string) {
  await db.delivery.updateMany({ where: key, data: { status: 'skipped', error } });
}

/** Every delivery of one kind and period, one query for all recipients of a run. */
export async function deliveriesOfPeriod(db: TDb, kind: string, period: string): Promise<TDelivery[]> {
  return db.delivery.findMany({ where: { kind, period } });
}
