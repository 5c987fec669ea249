import { afterEach, describe, expect, it } from 'vitest';
import { startAdvocate, type TRunningAdvocate } from '../../src/app/start-advocate';
import type { TProvider } from '../../src/core/shared/db/provider';
import { createLogger } from '../../src/logger';
import { SLACK_PACE } from '../../src/slack/kit/slack-pacer';
import { Channels, People, SIGNING_SECRET, type TTestApp, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';

type TPosted = { text: string; ts: string };

/**
 * Another replica, or the same app after a restart: same database, same Slack, same clock, its outbox timer off
 * (the test sends what is due). It skips the migration, already applied (see digest.test.ts for why).
 */
const anotherInstance = (t: TTestApp): Promise<TRunningAdvocate> =>
  startAdvocate(
    { ...t.config, skipMigration: true },
    { clock: t.clock, logger: createLogger('error'), outboxIntervalMs: 3_600_000 },
  );

const settle = async (app: TRunningAdvocate) => {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.idle();
  }
};

/** Every card in the advocate channel, top level or in a thread, by escalation reference. */
function cardsPosted(t: TTestApp): string[] {
  const topLevel = t.slack.messagesIn(Channels.advocates) as TPosted[];
  const all = topLevel.flatMap((m) => [m, ...(t.slack.threadOf(Channels.advocates, m.ts) as TPosted[])]);
  return all.map((m) => /^ADV-\d+/.exec(m.text)?.[0]).filter((ref): ref is string => !!ref);
}
const stormMessages = (t: TTestApp) =>
  (t.slack.messagesIn(Channels.advocates) as TPosted[]).filter((m) => /storm/i.test(m.text));

async function flagVia(t: TTestApp, app: TRunningAdvocate, from: number, count: number) {
  // Slack sends each slash command to whichever replica its load balancer picks.
  t.slack.connectApp(`${app.url}/slack/events`, SIGNING_SECRET);
  for (let i = from; i < from + count; i++) {
    const agent = i % 2 ? People.agent : People.agent2;
    const customer = ['Acme Corp', 'Globex', 'Initech'][i % 3];
    await t.slack.runSlashCommand(agent, Channels.support, `!high #outage customer:"${customer}" login fails ${i}`);
  }
}

/** Lets the given instances send everything due, moving the test clock past each wait, until the outbox is empty. */
async function deliverEverything(t: TTestApp, apps: TRunningAdvocate[], together: boolean) {
  for (let round = 0; round < 60; round++) {
    for (const app of apps) await settle(app);
    const pending = await t.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } });
    if (pending === 0) return;
    t.clock.advance(6_000);
    const drains = apps.map((app) => () => app.services.dispatcher.drainDue());
    if (together) await Promise.all(drains.map((drain) => drain()));
    // SQLite serves one process; two instances in one process would block each other's transactions.
    else for (const drain of drains) await drain();
  }
  const stuck = await t.app.db.prisma.outboxMessage.findMany({ where: { status: 'pending' } });
  throw new Error(`the outbox never emptied: ${JSON.stringify(stuck)}`);
}

async function expectOneStormAndEveryCardOnce(t: TTestApp, flags: number) {
  const escalations = await t.app.db.prisma.escalation.findMany({ select: { id: true, cardTs: true } });
  expect(escalations).toHaveLength(flags);
  expect(escalations.filter((e) => !e.cardTs)).toEqual([]);
  const cards = cardsPosted(t);
  expect(cards).toHaveLength(flags);
  expect(new Set(cards).size).toBe(flags);
  const storms = stormMessages(t);
  expect(storms).toHaveLength(1);
  expect(storms[0]!.text).toMatch(new RegExp(`^Storm: ${flags} escalations`));
  expect(await t.app.db.prisma.storm.count()).toBe(1);
}

/** One app per describe block, so that each test's storm is its own; plus the instances a test starts. */
function useStormApp(provider: TProvider) {
  const t = useTestApp(provider);
  const others: TRunningAdvocate[] = [];
  afterEach(async () => {
    for (const other of others.splice(0)) await other.stop();
    t.slack.connectApp(t.eventsUrl, SIGNING_SECRET);
  });
  return { t, others };
}

describe.each(testProviders())('a storm across two replicas on %s', (provider) => {
  const { t, others } = useStormApp(provider);

  it('two replicas taking a storm’s flags post one storm message and every card once', async () => {
    const second = await anotherInstance(t);
    others.push(second);
    // Interleaved: each replica takes some of the flags, both see the threshold crossed.
    await flagVia(t, t.app, 0, 4);
    await flagVia(t, second, 4, 4);
    await flagVia(t, t.app, 8, 3);
    await flagVia(t, second, 11, 3);
    await deliverEverything(t, [t.app, second], provider === 'postgresql');
    await expectOneStormAndEveryCardOnce(t, 14);
    // Known limit, not this test's subject: each replica paces the channel on its own, so replicas draining at the
    // same moment overrun Slack's per-channel rate now and then (each 429 is waited out for Retry-After, and nothing
    // is lost or repeated, as above). Pacing shared across replicas would make it none; the harness's check for
    // zero 429s is lifted here for chat.postMessage only.
    expect(t.slack.rateLimitedCalls().filter((call) => call.method !== 'chat.postMessage')).toEqual([]);
    t.slack.calls.splice(0);
  }, 240_000);
});

describe.each(testProviders())('a storm across a restart on %s', (provider) => {
  const { t, others } = useStormApp(provider);

  it('a restart in the middle of a storm neither loses nor repeats a card, and keeps its one message', async () => {
    const before = await anotherInstance(t);
    await flagVia(t, before, 0, 12);
    await settle(before);
    // Stopped with cards still queued (each paced card waits for its slot), as a deploy would.
    const pending = await t.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } });
    expect(pending).toBeGreaterThan(0);
    await before.stop();

    const after = await anotherInstance(t);
    others.push(after);
    await flagVia(t, after, 12, 3);
    await deliverEverything(t, [after], false);
    await expectOneStormAndEveryCardOnce(t, 15);
    // The new process's pacer starts with a full burst, not knowing its predecessor spent Slack's: at most that
    // one burst is refused (and waited out), then it keeps the pace.
    expect(t.slack.rateLimitedCalls('chat.postMessage').length).toBeLessThanOrEqual(
      SLACK_PACE.postMessagePerChannel.burst,
    );
    expect(t.slack.rateLimitedCalls().filter((call) => call.method !== 'chat.postMessage')).toEqual([]);
    t.slack.calls.splice(0);
  }, 240_000);
});
