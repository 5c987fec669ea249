import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../../../src/core/shared/db/client';
import { sqlOverPrisma } from '../../../../src/core/shared/db/sql';
import type { TOutboxItem } from '../../../../src/core/shared/outbox/outbox-messages';
import { enqueueOutbox } from '../../../../src/core/shared/outbox/outbox-repository';
import { POSTGRES_ADMIN_URL, testProviders } from '../../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../../support/domain';

const dm = (key: string, text = key): TOutboxItem => ({
  dedupeKey: key,
  message: { kind: 'digest.unreachable', userId: 'U1', digest: 'open', channelId: 'C1', reason: text },
});

describe.each(testProviders())('enqueueOutbox on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f?.close());

  it('inserts new keys in order, skips keys already queued or repeated, and returns what it inserted', async () => {
    const now = f.clock.now();
    const [first] = await enqueueOutbox(f.db.sql, [dm('k:1')], now);
    const ids = await enqueueOutbox(f.db.sql, [dm('k:2'), dm('k:1', 'again'), dm('k:3'), dm('k:2', 'twice')], now);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBeGreaterThan(first!);
    expect(ids[1]).toBeGreaterThan(ids[0]!);
    const rows = await f.db.prisma.outboxMessage.findMany({
      where: { id: { in: [first!, ...ids] } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => [row.dedupeKey, JSON.parse(row.payload).reason, row.status, row.attempts])).toEqual([
      ['k:1', 'k:1', 'pending', 0],
      ['k:2', 'k:2', 'pending', 0],
      ['k:3', 'k:3', 'pending', 0],
    ]);
    expect(rows[1]!.nextAttemptAt.toISOString()).toBe(now.toISOString());
    expect(rows[1]!.createdAt.toISOString()).toBe(now.toISOString());
    expect(await enqueueOutbox(f.db.sql, [], now)).toEqual([]);
  });

  it('works inside a Prisma transaction, and rolls back with it', async () => {
    const now = f.clock.now();
    const inside = await f.db.prisma.$transaction((tx) =>
      enqueueOutbox(sqlOverPrisma(provider, tx), [dm('tx:1')], now),
    );
    expect(inside).toHaveLength(1);
    await expect(
      f.db.prisma.$transaction(async (tx) => {
        await enqueueOutbox(sqlOverPrisma(provider, tx), [dm('tx:2')], now);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await f.db.prisma.outboxMessage.count({ where: { dedupeKey: { in: ['tx:1', 'tx:2'] } } })).toBe(1);
  });

  it('queues more than one batch in order', async () => {
    const items = Array.from({ length: 1_201 }, (_, index) => dm(`bulk:${index}`));
    const ids = await enqueueOutbox(f.db.sql, items, f.clock.now());
    expect(ids).toHaveLength(1_201);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const rows = await f.db.prisma.outboxMessage.findMany({
      where: { id: { in: [ids[0]!, ids[1_200]!] } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => row.dedupeKey)).toEqual(['bulk:0', 'bulk:1200']);
  });

  it('never fails when concurrent transactions queue the same key: exactly one inserts it', async () => {
    // Two pools on PostgreSQL, as two replicas; SQLite's one writer serialises them in one process.
    const other: TDatabase = provider === 'postgresql' ? openDatabase(await urlOf(f)) : f.db;
    try {
      const now = f.clock.now();
      const results = await Promise.all(
        [f.db, other, f.db, other].map((db) =>
          db.prisma.$transaction((tx) => enqueueOutbox(sqlOverPrisma(provider, tx), [dm('race:1'), dm('race:2')], now)),
        ),
      );
      expect(results.flat()).toHaveLength(2);
      expect(await f.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'race:' } } })).toBe(2);
    } finally {
      if (other !== f.db) await other.close();
    }
  });
});

async function urlOf(f: TDomainFixture): Promise<string> {
  const [row] = await f.db.sql.all('SELECT current_database()::text AS "name"');
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${String(row!.name)}`;
  return url.toString();
}
