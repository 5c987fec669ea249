import type { TDb } from '../shared/db/client';
import { isUniqueViolation } from '../shared/db/database-errors';
import type { Subscription } from '../shared/db/generated/sqlite';

export type TSubscription = Subscription;

/** Adds a channel's subscription; false when the channel already had it. */
export async function addSubscription(
  db: TDb,
  input: { channelId: string; kind: string; subscribedBy: string; now: Date },
): Promise<boolean> {
  try {
    await db.subscription.create({
      data: { channelId: input.channelId, kind: input.kind, subscribedBy: input.subscribedBy, createdAt: input.now },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Removes it; false when there was nothing to remove. */
export async function removeSubscription(db: TDb, channelId: string, kind: string): Promise<boolean> {
  const { count } = await db.subscription.deleteMany({ where: { channelId, kind } });
  return count > 0;
}

/** The channels subscribed to a kind, oldest first; `createdUpTo` leaves out those that subscribed later. */
export async function listSubscriptions(db: TDb, kind: string, createdUpTo?: Date): Promise<TSubscription[]> {
  return db.subscription.findMany({
    where: { kind, ...(createdUpTo ? { createdAt: { lte: createdUpTo } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
