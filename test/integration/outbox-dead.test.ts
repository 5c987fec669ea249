import type { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_HANDLERS } from '../../src/app/composition';
import { enqueueOutbox } from '../../src/core/shared/outbox/outbox-repository';
import { createLogger } from '../../src/logger';
import { purgeOnce, SENT_OUTBOX_RETENTION_MS } from '../../src/schedule/background-loops';
import { OUTBOX_MAX_ATTEMPTS, OutboxDispatcher } from '../../src/slack/kit/outbox-dispatcher';
import { startTestApp, type TTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { createDomainFixture, type TDomainFixture } from '../support/domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A Slack that refuses every ephemeral message with a passing error. */
function refusingClient() {
  const calls: unknown[] = [];
  const client = {
    chat: {
      postMessage: async (args: unknown) => {
        calls.push(args);
        throw Object.assign(new Error('An API error occurred: internal_error'), {
          code: 'slack_webapi_platform_error',
          data: { ok: false, error: 'internal_error' },
        });
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe.each(testProviders())('the outbox on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f?.close());

  it('gives up on a message after its last attempt: dead, logged once, never sent again', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', (line) => {
      lines.push(line);
      return true;
    });
    const { client, calls } = refusingClient();
    const dispatcher = new OutboxDispatcher({
      client,
      db: f.db,
      clock: f.clock,
      logger,
      advocateChannelId: 'C0ADVOCATE',
      handlers: OUTBOX_HANDLERS,
      maxAttempts: 3,
    });
    const [id] = await enqueueOutbox(
      f.db.sql,
      [
        {
          dedupeKey: 'dead:1',
          message: { kind: 'digest.unreachable', userId: 'U1', digest: 'open', channelId: 'C1', reason: 'hello' },
        },
      ],
      f.clock.now(),
    );
    for (let attempt = 1; attempt <= 5; attempt++) {
      await dispatcher.drainDue();
      f.clock.advance(HOUR);
    }
    expect(calls).toHaveLength(3);
    const row = await f.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'internal_error', leaseUntil: null });
    const gaveUp = lines.filter((line) => line.includes('gave up'));
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toContain(`digest.unreachable #${id} failed 3 times (last: internal_error)`);
  });

  it('by default retries for about a day before giving up', () => {
    let waited = 0;
    for (let attempt = 1; attempt < OUTBOX_MAX_ATTEMPTS; attempt++)
      waited += Math.min(15 * 60_000, 2_000 * 2 ** (attempt - 1));
    expect(waited).toBeGreaterThan(20 * HOUR);
    expect(waited).toBeLessThan(26 * HOUR);
  });

  it('purges sent messages older than a week in the hourly clean-up, keeping pending and dead ones', async () => {
    const now = f.clock.now();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const rows = [
      { dedupeKey: 'purge:old-sent', status: 'sent', sentAt: ago(SENT_OUTBOX_RETENTION_MS + HOUR) },
      { dedupeKey: 'purge:recent-sent', status: 'sent', sentAt: ago(6 * DAY) },
      { dedupeKey: 'purge:old-pending', status: 'pending', sentAt: null },
      { dedupeKey: 'purge:old-dead', status: 'dead', sentAt: null },
    ];
    for (const row of rows)
      await f.db.prisma.outboxMessage.create({
        data: {
          ...row,
          kind: 'digest.unreachable',
          payload: '{}',
          createdAt: ago(30 * DAY),
          nextAttemptAt: ago(30 * DAY),
        },
      });
    await purgeOnce(f.deps, createLogger('error'));
    const left = await f.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'purge:' } },
      orderBy: { id: 'asc' },
    });
    expect(left.map((row) => row.dedupeKey)).toEqual(['purge:recent-sent', 'purge:old-pending', 'purge:old-dead']);
  });
});

describe.each(testProviders())('/healthz on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider);
  });
  afterAll(async () => t?.stop());
  afterEach(async () => {
    await t.app.db.prisma.outboxMessage.deleteMany({ where: { status: 'dead' } });
  });

  it('reports the dead messages beside an unchanged status, still 200', async () => {
    const before = await fetch(`${t.app.url}/healthz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ status: 'ok', db: 'ok' });
    for (const key of ['a', 'b', 'c'])
      await t.app.db.prisma.outboxMessage.create({
        data: { dedupeKey: `health:${key}`, kind: 'digest.unreachable', payload: '{}', status: 'dead', attempts: 100 },
      });
    const after = await fetch(`${t.app.url}/healthz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ok', db: 'ok', outbox: { dead: 3 } });
  });
});
