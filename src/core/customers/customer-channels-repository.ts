import type { TDb } from '../shared/db/client';
import type { TSqlQueryable } from '../shared/db/sql';
import { readInt } from '../shared/db/sql';

/** The customer a channel belongs to, if any (one indexed read: a flag asks it on every flag without a customer). */
export async function customerIdOfChannel(q: TSqlQueryable, channelId: string): Promise<number | null> {
  const [row] = await q.all('SELECT "customerId" FROM "CustomerChannel" WHERE "channelId" = ?', [channelId]);
  return row ? readInt(row.customerId) : null;
}

export async function channelLinkOf(db: TDb, channelId: string) {
  return db.customerChannel.findUnique({ where: { channelId }, include: { customer: true } });
}

/** Links the channel to the customer, replacing an earlier link of the same channel. */
export async function upsertChannelLink(
  db: TDb,
  link: { channelId: string; customerId: number; linkedById: string; linkedAt: Date },
) {
  await db.customerChannel.upsert({
    where: { channelId: link.channelId },
    create: link,
    update: { customerId: link.customerId, linkedById: link.linkedById, linkedAt: link.linkedAt },
  });
}

export async function deleteChannelLink(db: TDb, channelId: string): Promise<boolean> {
  const { count } = await db.customerChannel.deleteMany({ where: { channelId } });
  return count === 1;
}

export async function channelsOfCustomer(db: TDb, customerId: number, take = 20): Promise<string[]> {
  const rows = await db.customerChannel.findMany({
    where: { customerId },
    select: { channelId: true },
    orderBy: { linkedAt: 'asc' },
    take,
  });
  return rows.map((row) => row.channelId);
}
