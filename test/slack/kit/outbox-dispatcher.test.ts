import { ErrorCode, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TOutboxMessage } from '../../../src/core/shared/outbox/outbox-messages';
import {
  enqueueOutbox,
  enqueueOutboxLeased,
  leaseOutboxMessage,
} from '../../../src/core/shared/outbox/outbox-repository';
import { createLogger } from '../../../src/logger';
import {
  NotYet,
  OutboxDispatcher,
  type TDispatcherOptions,
  type TOutboxHandlers,
  type TSendContext,
} from '../../../src/slack/kit/outbox-dispatcher';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

// The dispatcher on a real database, with handlers as plain functions that stand for Slack accepting or refusing.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Errors shaped as @slack/web-api throws them. */
const slackError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });
const rateLimited = (retryAfterSeconds: number) =>
  Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: retryAfterSeconds });
const httpError = (statusCode: number) =>
  Object.assign(new Error(`HTTP ${statusCode}`), { code: ErrorCode.HTTPError, statusCode });
const unreachable = () => Object.assign(new Error('socket hang up'), { code: ErrorCode.RequestError });

type TDm = Extract<TOutboxMessage, { kind: 'digest.unreachable' }>;
type TDmHandler = (message: TDm, context: TSendContext) => Promise<void | ((q: unknown) => Promise<void>)>;

const dm = (n: number): { dedupeKey: string; message: TDm } => ({
  dedupeKey: `dm:${n}`,
  message: { kind: 'digest.unreachable', userId: `U${n}`, digest: 'open', channelId: 'C1', reason: `message ${n}` },
});

describe.each(testProviders())('the outbox dispatcher on %s', (provider) => {
  let f: TDomainFixture;
  let sends: { message: TDm; context: TSendContext }[];
  let nextOutcome: TDmHandler;
  let logLines: string[];
  let failures: { reason: string; permanent: boolean; attempt: number }[];
  let sent: TOutboxMessage[];

  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f?.close());
  beforeEach(async () => {
    await f.db.prisma.outboxMessage.deleteMany();
    sends = [];
    logLines = [];
    failures = [];
    sent = [];
    nextOutcome = async () => {};
  });

  function dispatcher(options: Partial<TDispatcherOptions> = {}) {
    const unexpected = async (message: TOutboxMessage) => {
      throw new Error(`no handler expected for ${message.kind}`);
    };
    const handlers = {
      'card.post': unexpected,
      'card.update': unexpected,
      'theme.card.post': unexpected,
      'theme.card.update': unexpected,
      'digest.unreachable': async (message: TDm, context: TSendContext) => {
        sends.push({ message, context });
        return nextOutcome(message, context);
      },
    } as unknown as TOutboxHandlers;
    return new OutboxDispatcher({
      client: {} as WebClient,
      db: f.db,
      clock: f.clock,
      logger: createLogger('info', 'test', (line) => {
        logLines.push(line);
        return true;
      }),
      advocateChannelId: 'C0ADVOCATE',
      handlers,
      onFailure: async (_message, failure, attempt) => {
        failures.push({ reason: failure.reason, permanent: failure.permanent, attempt });
      },
      onSent: async (message) => {
        sent.push(message);
      },
      ...options,
    });
  }

  const queue = (...items: ReturnType<typeof dm>[]) => enqueueOutbox(f.db.sql, items, f.clock.now());
  const row = (id: number | undefined) => f.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
  const at = (offsetMs: number) => new Date(f.clock.now().getTime() + offsetMs);

  it('sends a queued message once and marks it sent', async () => {
    const [id] = await queue(dm(1));
    const outbox = dispatcher();
    await outbox.drainDue();
    await outbox.drainDue();
    expect(sends.map((s) => s.message)).toEqual([dm(1).message]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 0, sentAt: f.clock.now(), leaseUntil: null });
    expect(sent).toEqual([dm(1).message]);
    // A first attempt has nothing to look for.
    expect(sends[0]?.context.delivery).toMatchObject({ key: 'dm:1', mayHaveBeenSent: false });
  });

  it('sends every due message in one drain, oldest first, across pages', async () => {
    const items = Array.from({ length: 120 }, (_, i) => dm(i + 1));
    await queue(...items);
    await dispatcher().drainDue();
    expect(sends.map((s) => s.message.reason)).toEqual(items.map((item) => item.message.reason));
    expect(await f.db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(120);
  });

  it('retries a failure later and later (2 s, 4 s, 8 s), then sends it', async () => {
    const [id] = await queue(dm(1));
    const outbox = dispatcher();
    nextOutcome = async () => {
      throw slackError('internal_error');
    };
    await outbox.drainDue();
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'internal_error',
      nextAttemptAt: at(2 * SECOND),
    });
    await outbox.drainDue();
    expect(sends).toHaveLength(1); // not due yet

    f.clock.advance(2 * SECOND);
    await outbox.drainDue();
    expect(await row(id)).toMatchObject({ attempts: 2, nextAttemptAt: at(4 * SECOND) });
    f.clock.advance(4 * SECOND);
    await outbox.drainDue();
    expect(await row(id)).toMatchObject({ attempts: 3, nextAttemptAt: at(8 * SECOND) });

    nextOutcome = async () => {};
    f.clock.advance(8 * SECOND);
    await outbox.drainDue();
    expect(sends).toHaveLength(4);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(failures.map((failure) => failure.attempt)).toEqual([1, 2, 3]);
  });

  it('waits as long as Slack asks when rate limited', async () => {
    const [id] = await queue(dm(1));
    nextOutcome = async () => {
      throw rateLimited(42);
    };
    await dispatcher().drainDue();
    expect(await row(id)).toMatchObject({ attempts: 1, lastError: 'rate_limited', nextAttemptAt: at(42 * SECOND) });
  });

  it('retries a permanent refusal only every half hour, and gives up after the last attempt: dead, said once', async () => {
    const [id] = await queue(dm(1));
    const outbox = dispatcher({ maxAttempts: 3 });
    nextOutcome = async () => {
      throw slackError('channel_not_found');
    };
    await outbox.drainDue();
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(30 * MINUTE) });
    f.clock.advance(30 * MINUTE);
    await outbox.drainDue();
    f.clock.advance(30 * MINUTE);
    await outbox.drainDue();
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'channel_not_found' });
    expect(failures).toEqual([1, 2, 3].map((attempt) => ({ reason: 'channel_not_found', permanent: true, attempt })));
    expect(logLines.filter((line) => line.includes('now dead'))).toHaveLength(1);

    f.clock.advance(24 * 60 * MINUTE);
    await outbox.drainDue();
    expect(sends).toHaveLength(3);
    expect(sent).toEqual([]);
  });

  it('tells the next attempt to look for an earlier post when the last one may have reached Slack', async () => {
    const queuedAt = f.clock.now();
    const [timedOut, refused, serverError] = await queue(dm(1), dm(2), dm(3));
    const failWith: Record<string, Error> = { U1: unreachable(), U2: slackError('internal_error'), U3: httpError(503) };
    nextOutcome = async (message) => {
      throw failWith[message.userId];
    };
    const outbox = dispatcher();
    await outbox.drainDue();
    nextOutcome = async () => {};
    f.clock.advance(2 * SECOND);
    await outbox.drainDue();
    const lookFor = Object.fromEntries(
      sends.slice(3).map((s) => [s.message.userId, s.context.delivery.mayHaveBeenSent]),
    );
    // No answer, or a server error: Slack may have posted it. An ok:false answer: it certainly did not.
    expect(lookFor).toEqual({ U1: true, U2: false, U3: true });
    expect(sends[3]?.context.delivery.since).toEqual(queuedAt);
    for (const id of [timedOut, refused, serverError]) expect((await row(id)).status).toBe('sent');
  });

  it('tells the next attempt to look for an earlier post when a sender’s lease ran out before it recorded anything', async () => {
    const [id] = await queue(dm(1));
    // Another replica leased it and died mid-send.
    await leaseOutboxMessage(f.db.prisma, id!, f.clock.now(), MINUTE);
    const outbox = dispatcher();
    await outbox.drainDue();
    expect(sends).toHaveLength(0);
    f.clock.advance(MINUTE + SECOND);
    await outbox.drainDue();
    expect(sends[0]?.context.delivery.mayHaveBeenSent).toBe(true);
    expect((await row(id)).status).toBe('sent');
  });

  it('puts off a message that cannot go yet without counting it as a failed attempt', async () => {
    const [id] = await queue(dm(1));
    nextOutcome = async () => {
      throw new NotYet(10 * SECOND, 'the card is not posted yet');
    };
    await dispatcher().drainDue();
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(10 * SECOND) });
    expect(failures).toEqual([]);
  });

  it('sends messages leased at insert right away, recording what the handler returns with the sent mark', async () => {
    const leased = await enqueueOutboxLeased(f.db.sql, [dm(1), dm(2)], f.clock.now(), MINUTE);
    const recorded: string[] = [];
    nextOutcome = async (message) => async () => {
      recorded.push(message.userId);
    };
    await dispatcher().deliverLeased(leased);
    expect(sends.map((s) => s.message.userId)).toEqual(['U1', 'U2']);
    expect(recorded).toEqual(['U1', 'U2']);
    for (const { id } of leased) expect(await row(id)).toMatchObject({ status: 'sent', leaseUntil: null });
  });

  it('sends by id on request, skipping a message another sender holds', async () => {
    const [free, held] = await queue(dm(1), dm(2));
    await leaseOutboxMessage(f.db.prisma, held!, f.clock.now(), MINUTE);
    await dispatcher().deliver([free!, held!]);
    expect(sends.map((s) => s.message.userId)).toEqual(['U1']);
    expect((await row(held)).status).toBe('pending');
  });
});
