import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/core/shared/app-error';
import type { TSqlQueryable } from '../../../src/core/shared/db/sql';
import type { TDeliveryHints, TOutboxSink } from '../../../src/core/shared/deps';
import type { TOutboxItem } from '../../../src/core/shared/outbox/outbox-messages';
import type { TLeasedOutboxMessage } from '../../../src/core/shared/outbox/outbox-repository';
import {
  DEFAULT_ATTEMPTS,
  RaceLost,
  runPreparedUnitOfWork,
  runUnitOfWork,
  type TUnitOfWorkDeps,
} from '../../../src/core/shared/unit-of-work';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const dm = (key: string, text = key): TOutboxItem => ({
  dedupeKey: key,
  message: { kind: 'digest.unreachable', userId: 'U1', digest: 'open', channelId: 'C1', reason: text },
});

/** Records each delivery with what the database held at that moment, as another connection would read it. */
class WitnessOutbox implements TOutboxSink {
  readonly deliveries: { keys: string[]; committedKeys: string[]; hints: TDeliveryHints }[] = [];
  constructor(private readonly f: () => TDomainFixture) {}
  async deliver() {
    throw new Error('the unit of work delivers what it leased');
  }
  async deliverLeased(messages: TLeasedOutboxMessage[], hints: TDeliveryHints = {}) {
    const keys = messages.map((message) => message.dedupeKey);
    const rows = await this.f().db.prisma.outboxMessage.findMany({ where: { dedupeKey: { in: keys } } });
    this.deliveries.push({ keys, committedKeys: rows.map((row) => row.dedupeKey).sort(), hints });
  }
}

const insertLease = (q: TSqlQueryable, name: string, at: Date) =>
  q.run(`INSERT INTO "JobLease" ("name","holder","leaseUntil") VALUES (?,?,?)`, [name, 'test', at]);

describe.each(testProviders())('the unit of work on %s', (provider) => {
  let f: TDomainFixture;
  let outbox: WitnessOutbox;
  let deps: TUnitOfWorkDeps;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
    outbox = new WitnessOutbox(() => f);
    deps = { db: f.db, clock: f.clock, outbox };
  });
  afterAll(async () => f?.close());

  const leaseCount = (name: string) => f.db.prisma.jobLease.count({ where: { name } });
  const queuedCount = (prefix: string) =>
    f.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: prefix } } });

  for (const variant of ['prisma', 'prepared'] as const) {
    const run = <T>(work: (q: TSqlQueryable, now: Date, queue: (items: TOutboxItem[]) => void) => Promise<T>) =>
      variant === 'prisma'
        ? runUnitOfWork(deps, {}, ({ q, now, queue }) => work(q, now, queue))
        : runPreparedUnitOfWork(deps, {}, ({ q, now, queue }) => work(q, now, queue));

    describe(`in a ${variant} transaction`, () => {
      it('commits the change and its messages, then delivers them, leased to this process', async () => {
        const before = outbox.deliveries.length;
        const result = await run(async (q, now, queue) => {
          await insertLease(q, `${variant}:commit`, now);
          queue([dm(`${variant}:commit:1`), dm(`${variant}:commit:2`)]);
          return 'done';
        });
        expect(result).toBe('done');
        expect(outbox.deliveries.slice(before)).toEqual([
          {
            keys: [`${variant}:commit:1`, `${variant}:commit:2`],
            committedKeys: [`${variant}:commit:1`, `${variant}:commit:2`],
            hints: {},
          },
        ]);
        const rows = await f.db.prisma.outboxMessage.findMany({
          where: { dedupeKey: { startsWith: `${variant}:commit` } },
        });
        // Leased: no replica's drain takes them while this process sends them.
        expect(rows.every((row) => row.leaseUntil !== null && row.leaseUntil > f.clock.now())).toBe(true);
        expect(await leaseCount(`${variant}:commit`)).toBe(1);
      });

      it('delivers nothing and keeps nothing when the work throws', async () => {
        const before = outbox.deliveries.length;
        await expect(
          run(async (q, now, queue) => {
            await insertLease(q, `${variant}:throws`, now);
            queue([dm(`${variant}:throws:1`)]);
            await q.all(`SELECT 1 AS "one"`); // still inside: the messages are inserted only at the end
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(outbox.deliveries.length).toBe(before);
        expect(await leaseCount(`${variant}:throws`)).toBe(0);
        expect(await queuedCount(`${variant}:throws`)).toBe(0);
      });

      it('starts over with a fresh now when the work lost a race, and applies it once', async () => {
        const before = outbox.deliveries.length;
        const seen: string[] = [];
        await run(async (q, now, queue) => {
          seen.push(now.toISOString());
          await insertLease(q, `${variant}:race:${seen.length}`, now);
          queue([dm(`${variant}:race:${seen.length}`)]);
          if (seen.length < 3) {
            f.clock.advance(1_000);
            throw new RaceLost();
          }
        });
        expect(new Set(seen).size).toBe(3);
        expect(await leaseCount(`${variant}:race:1`)).toBe(0);
        expect(await leaseCount(`${variant}:race:2`)).toBe(0);
        expect(await leaseCount(`${variant}:race:3`)).toBe(1);
        expect(outbox.deliveries.slice(before).map((delivery) => delivery.keys)).toEqual([[`${variant}:race:3`]]);
      });

      it('retries a unique violation, then gives up with a Conflict', async () => {
        await run((q, now) => insertLease(q, `${variant}:taken`, now));
        const before = outbox.deliveries.length;
        let attempts = 0;
        const failure = await run(async (q, now, queue) => {
          attempts++;
          queue([dm(`${variant}:taken:${attempts}`)]);
          await insertLease(q, `${variant}:taken`, now);
        }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(AppError);
        expect((failure as AppError).code).toBe(ErrorCode.Conflict);
        expect(attempts).toBe(DEFAULT_ATTEMPTS);
        expect(outbox.deliveries.length).toBe(before);
        expect(await queuedCount(`${variant}:taken:`)).toBe(0);
      });

      it('queues a repeated key once and delivers it once', async () => {
        const before = outbox.deliveries.length;
        const key = `${variant}:repeat`;
        await run(async (_q, _now, queue) => queue([dm(key, 'first'), dm(key, 'second')]));
        await run(async (_q, _now, queue) => queue([dm(key, 'third')]));
        expect(outbox.deliveries.slice(before).map((delivery) => delivery.keys)).toEqual([[key]]);
        const rows = await f.db.prisma.outboxMessage.findMany({ where: { dedupeKey: key } });
        expect(rows.map((row) => JSON.parse(row.payload).reason)).toEqual(['first']);
      });
    });
  }

  it('tells `committed` before anything is sent, and passes the hints to the sender', async () => {
    const order: string[] = [];
    const sink: TOutboxSink = {
      deliver: async () => {},
      deliverLeased: async (messages, hints) => {
        order.push(`delivered ${messages.length} with ${JSON.stringify(hints)}`);
      },
    };
    await runPreparedUnitOfWork(
      { ...deps, outbox: sink },
      { committed: (result) => order.push(`committed ${result}`) },
      async ({ queue, hint }) => {
        queue([dm('hinted')]);
        hint({ escalation: { id: 7 } as never });
        return 'stored';
      },
    );
    expect(order).toEqual(['committed stored', 'delivered 1 with {"escalation":{"id":7}}']);
  });
});
