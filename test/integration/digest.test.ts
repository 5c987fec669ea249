import { validateBlocks } from '@advocate/slack-standin';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_CATALOG } from '../../src/app/composition';
import { startAdvocate, type TRunningAdvocate } from '../../src/app/start-advocate';
import { claimDelivery } from '../../src/core/digests/deliveries-repository';
import { addSubscription } from '../../src/core/digests/subscriptions-repository';
import { changeEscalation } from '../../src/core/escalations/change-escalation';
import { flagEscalation } from '../../src/core/escalations/flag-escalation';
import { trusted } from '../../src/core/shared/text/mrkdwn';
import { createLogger } from '../../src/logger';
import { runDueDigests } from '../../src/schedule/run-due-digests';
import type { TDigestServices } from '../../src/slack/digests/digest-kinds';
import type { TOpenDigestSection } from '../../src/slack/digests/open-digest-sections';
import { section } from '../../src/slack/kit/block-limits';
import { Channels, People, startTestApp, TEST_SLACK_PACE, type TTestApp } from '../support/app-harness';
import { ManualClock, minutes } from '../support/clock';
import { testProviders } from '../support/databases';
import { ADVOCATE, ADVOCATE2, clearDigestData, DIGEST_DAY, seedDigestDataSet } from '../support/digest-data-set';
import { blockText, type TBlock } from '../support/slack-text';

type TPosted = { text: string; ts: string; blocks?: TBlock[] };

const GHOST_CHANNEL = 'C0GONE0001';
const isDigest = (message: TPosted) => /^(Open escalations|No open escalations)/.test(message.text);
const digestsIn = (t: TTestApp, channel: string) => (t.slack.messagesIn(channel) as TPosted[]).filter(isDigest);
const dmsTo = (t: TTestApp, user: string) => t.slack.messagesIn(`D${user.slice(1)}`) as TPosted[];
const lastEphemeralText = (t: TTestApp, user: string) => {
  const last = t.slack.ephemeralsFor(user).at(-1);
  return `${last?.text}\n${blockText(last?.blocks as TBlock[])}`;
};

/**
 * A second replica, or the same app after a restart: same database, same Slack, same clock. It skips the migration
 * (already applied): in one process, the migration's own SQLite library closing the file would drop the locks of
 * the first app's (a second copy of SQLite, see the report), which real restarts in separate processes never do.
 */
async function anotherInstance(t: TTestApp, schedules = false): Promise<TRunningAdvocate> {
  return startAdvocate(
    { ...t.config, skipMigration: true },
    {
      clock: t.clock,
      logger: createLogger('error'),
      outboxIntervalMs: 3_600_000,
      schedules,
      slackPace: TEST_SLACK_PACE,
    },
  );
}

describe.each(testProviders())('open digest on %s', (provider) => {
  let t: TTestApp;
  let services: TDigestServices;
  const others: TRunningAdvocate[] = [];
  beforeAll(async () => {
    t = await startTestApp(provider, { clock: new ManualClock(DIGEST_DAY) });
    services = t.app.services;
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    await clearDigestData(t.app.db.prisma);
    t.slack.reset();
    t.clock.set(DIGEST_DAY);
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.stop();
  });

  it('posts the digest of a known data set: totals, the unclaimed with links, holders, medians, changes', async () => {
    const ids = await seedDigestDataSet(services.deps, t.clock);
    t.clock.set(DIGEST_DAY);
    const [run] = await runDueDigests(services, t.clock.now());
    expect(run).toMatchObject({ kind: 'open', period: '2026-11-25T09:00', trigger: 'schedule' });

    const [digest, ...more] = digestsIn(t, Channels.advocates);
    expect(more).toHaveLength(0);
    expect(digest?.text).toBe('Open escalations: 6 (3 open, 3 claimed)');
    expect(digest?.blocks?.[0]?.text?.text).toBe('Open escalations · Wed 25 Nov 2026');
    const text = blockText(digest?.blocks);
    expect(text).toContain('*6 open escalations*: 3 open (unclaimed) · 3 claimed');
    expect(text).toContain(':red_circle: critical: *1* open · *0* claimed');
    expect(text).toContain(':large_orange_circle: high: *1* open · *1* claimed');
    expect(text).toContain(':large_green_circle: low: *0* open · *1* claimed');
    expect(text).toContain('First digest here');
    expect(text).toContain('*Median time to claim*: 1h 30m (4) in the last 7 days, 1d (1) in the 7 before');
    expect(text).toContain('*Median time to resolve*: 1d (1) in the last 7 days, 2d (1) in the 7 before');

    // Unclaimed, oldest first, each linked to its card, overdue ones marked.
    const cards = await t.app.db.prisma.escalation.findMany({ select: { id: true, cardTs: true } });
    const link = (id: number) => {
      const ts = cards.find((card) => card.id === id)?.cardTs?.replace('.', '');
      return new RegExp(`<https://[^|>]+/archives/${Channels.advocates}/p${ts}\\|ADV-${id}>`);
    };
    const unclaimedSection = text.slice(text.indexOf('*Open (unclaimed), oldest first* · 3'));
    const order = [ids.oldCritical, ids.highOpen, ids.mediumOpen].map((id) => unclaimedSection.search(link(id!)));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(unclaimedSection).toMatch(
      /ADV-\d+>\* · 1d · :red_circle: critical · Acme Corp · :alarm_clock: past its SLA/,
    );
    expect(unclaimedSection).toMatch(
      /ADV-\d+>\* · 4h · :large_orange_circle: high · Globex · :alarm_clock: past its SLA/,
    );
    expect(unclaimedSection).toMatch(/ADV-\d+>\* · 1h · :large_yellow_circle: medium — mediumOpen customer problem/);
    expect(text).toContain(`<@${ADVOCATE}> · 2: ADV-${ids.lowClaimed}, ADV-${ids.mediumClaimed}`);
    expect(text).toContain(`<@${ADVOCATE2}> · 1: ADV-${ids.highClaimed}`);
    // Links are built from one permalink answer, not one call per card.
    expect(t.slack.callsTo('chat.getPermalink')).toHaveLength(1);

    // The next morning: one new, one resolved since the previous digest.
    t.clock.set('2026-11-25T15:00:00Z');
    const late = await flagEscalation(services.deps, {
      reporterId: People.agent,
      sourceChannelId: Channels.support,
      summary: 'export times out',
      severity: 'high',
      tags: [],
      via: 'command',
    });
    await changeEscalation(services.deps, {
      escalationId: ids.highClaimed!,
      kind: 'resolve',
      actorId: ADVOCATE2,
      via: 'command',
    });
    t.clock.set('2026-11-26T09:00:00Z');
    await runDueDigests(services, t.clock.now());
    const second = digestsIn(t, Channels.advocates)[1];
    expect(second?.text).toBe('Open escalations: 6 (4 open, 2 claimed); 1 new, 1 resolved since the last digest');
    expect(blockText(second?.blocks)).toMatch(
      new RegExp(
        `\\*Since the previous digest\\* \\(<!date\\^\\d+\\^[^|]+\\|2026-11-25 09:00 UTC>\\): \\*1 new\\*: ADV-${late.id} · \\*1 resolved\\*: ADV-${ids.highClaimed}`,
      ),
    );
  });

  it('says so in one line when nothing is open', async () => {
    await runDueDigests(services, t.clock.now());
    const [digest] = digestsIn(t, Channels.advocates);
    expect(digest?.blocks).toHaveLength(1);
    expect(blockText(digest?.blocks)).toBe(':white_check_mark: No open escalations.');
  });

  it('keeps 300 open escalations, 80 holders and an overlong added section within Slack limits', async () => {
    const now = t.clock.now();
    const severities = ['low', 'medium', 'high', 'critical'];
    await t.app.db.prisma.escalation.createMany({
      data: Array.from({ length: 300 }, (_, index) => ({
        reporterId: People.agent,
        sourceChannelId: Channels.support,
        summary: `${'Checkout & <billing> fails '.repeat(120)}#${index}`,
        severity: severities[index % 4]!,
        status: index % 3 === 0 ? 'claimed' : 'open',
        ownerId: index % 3 === 0 ? `U0OWNER${String(index % 80).padStart(3, '0')}` : null,
        claimedAt: index % 3 === 0 ? new Date(now.getTime() - minutes(30)) : null,
        cardChannelId: Channels.advocates,
        cardTs: `1700000000.${String(index).padStart(6, '0')}`,
        postState: 'posted',
        createdAt: new Date(now.getTime() - minutes(300 - index)),
        updatedAt: now,
      })),
    });
    const overlong: TOpenDigestSection = {
      name: 'Test: an overlong section',
      maxBlocks: 45,
      build: async () => Array.from({ length: 60 }, (_, index) => section(trusted(`${'x'.repeat(2990)} ${index}`))),
    };
    const withOverlong: TDigestServices = {
      ...services,
      digestCatalog: {
        ...services.digestCatalog,
        openDigestSections: [...DIGEST_CATALOG.openDigestSections, overlong],
      },
    };
    const [run] = await runDueDigests(withOverlong, t.clock.now());
    const result = run?.results[0];
    expect(result?.outcome).toBe('sent');
    const messages = result?.output ?? [];
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    }
    const [digest, ...more] = digestsIn(t, Channels.advocates);
    expect(more).toHaveLength(0);
    expect(t.slack.threadOf(Channels.advocates, digest!.ts)).toHaveLength(messages.length - 1);
    const all = messages.map((message) => blockText(message.blocks as TBlock[])).join('\n');
    expect(all).toContain('*300 open escalations*: 200 open (unclaimed) · 100 claimed');
    expect(all).toMatch(/…and 1\d\d more unclaimed/);
    expect(all).toContain('continued (part 2 of');
  });

  it('posts once when the app restarts at the scheduled minute, and once more never', async () => {
    await runDueDigests(services, t.clock.now());
    const restarted = await anotherInstance(t, true);
    others.push(restarted);
    t.clock.set('2026-11-25T09:00:40Z');
    await restarted.idle();
    await runDueDigests(restarted.services, t.clock.now());
    await runDueDigests(services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
  });

  it('never posts twice a delivery recorded before a crash (at most once beats twice)', async () => {
    await claimDelivery(
      t.app.db.prisma,
      { kind: 'open', channelId: Channels.advocates, period: '2026-11-25T09:00' },
      'schedule',
      t.clock.now(),
    );
    t.clock.set('2026-11-25T09:02:00Z');
    expect(await runDueDigests(services, t.clock.now())).toMatchObject([
      { results: [{ channelId: Channels.advocates, outcome: 'already-sent' }] },
    ]);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(0);
  });

  it('posts once when two instances run the same minute, even with Slack answering slowly', async () => {
    await addSubscription(t.app.db.prisma, {
      channelId: Channels.support,
      kind: 'open',
      subscribedBy: People.agent,
      now: new Date('2026-11-20T00:00:00Z'),
    });
    const second = await anotherInstance(t);
    others.push(second);
    const both = [() => runDueDigests(services, t.clock.now()), () => runDueDigests(second.services, t.clock.now())];
    if (provider === 'postgresql') await Promise.all(both.map((run) => run()));
    // SQLite serves one process, whose synchronous driver would block on the other instance's open transaction
    // (two SQLite replicas cannot exist): run them back to back instead.
    else for (const run of both) await run();
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    expect(digestsIn(t, Channels.support)).toHaveLength(1);

    // The next day Slack takes a second to answer; the other instance comes in meanwhile.
    t.clock.set('2026-11-26T09:00:00Z');
    t.slack.failNext('chat.postMessage', { delayMs: 400 });
    const slow = runDueDigests(services, t.clock.now());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runDueDigests(second.services, t.clock.now());
    await slow;
    expect(digestsIn(t, Channels.advocates)).toHaveLength(2);
    expect(digestsIn(t, Channels.support)).toHaveLength(2);
  });

  it('catches up a run missed while the app was down, once, and only on the same day', async () => {
    // Down at 09:00 on Wednesday; back at 11:30.
    t.clock.set('2026-11-25T11:30:00Z');
    const back = await anotherInstance(t, true);
    others.push(back);
    await back.idle();
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    const delivery = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { channelId: Channels.advocates } });
    expect(delivery).toMatchObject({ period: '2026-11-25T09:00', trigger: 'catch-up', status: 'sent' });
    t.clock.set('2026-11-25T11:31:00Z');
    await runDueDigests(back.services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);

    // Down all Thursday; back on Friday at 08:00: Thursday's digest is not sent late, Friday's is sent at 09:00.
    t.clock.set('2026-11-27T08:00:00Z');
    await runDueDigests(back.services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    t.clock.set('2026-11-27T09:00:00Z');
    await runDueDigests(back.services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(2);
  });

  it('skips a channel it cannot post in, tells who subscribed it, and still serves the others', async () => {
    const subscribedAt = new Date('2026-11-24T12:00:00Z');
    await addSubscription(t.app.db.prisma, {
      channelId: GHOST_CHANNEL,
      kind: 'open',
      subscribedBy: People.agent2,
      now: subscribedAt,
    });
    await addSubscription(t.app.db.prisma, {
      channelId: Channels.support,
      kind: 'open',
      subscribedBy: People.agent,
      now: subscribedAt,
    });
    // Slack fails the first post (the advocate channel) with a 500.
    t.slack.failNext('chat.postMessage', { status: 500 });
    const [run] = await runDueDigests(services, t.clock.now());
    expect(run?.results.map((result) => [result.channelId, result.outcome])).toEqual([
      [Channels.advocates, 'failed'],
      [GHOST_CHANNEL, 'unreachable'],
      [Channels.support, 'sent'],
    ]);
    expect(digestsIn(t, Channels.support)).toHaveLength(1);
    const [notice] = dmsTo(t, People.agent2);
    expect(notice?.text).toContain(
      `couldn't post the open-escalations digest to <#${GHOST_CHANNEL}> (channel_not_found)`,
    );
    expect(notice?.text).toContain('/advocate unsubscribe open');

    // The next tick retries the channel that hiccuped, not the one that cannot work, and tells nobody twice.
    t.clock.set('2026-11-25T09:01:00Z');
    const [retry] = await runDueDigests(services, t.clock.now());
    expect(retry?.results.map((result) => [result.channelId, result.outcome])).toEqual([
      [Channels.advocates, 'sent'],
      [GHOST_CHANNEL, 'already-sent'],
      [Channels.support, 'already-sent'],
    ]);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    expect(dmsTo(t, People.agent2)).toHaveLength(1);
  });

  it('subscribes and unsubscribes a channel with a private confirmation; late subscribers wait for the next run', async () => {
    t.clock.set('2026-11-25T10:00:00Z');
    // #support is public: anyone could read customers' complaints there, so it takes an explicit confirm.
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'subscribe open');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain(
      `<#${Channels.support}> is a public channel: anyone in the workspace could read the open-escalations digest`,
    );
    expect(await t.app.db.prisma.subscription.count()).toBe(0);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'subscribe open confirm');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain(
      `<#${Channels.support}> will receive the open-escalations digest too (weekdays at 09:00 UTC; next`,
    );
    const announcements = () =>
      (t.slack.messagesIn(Channels.advocates) as Array<{ text: string }>)
        .map((message) => message.text)
        .filter((text) => text.startsWith(`<@${People.advocate}> s`));
    expect(announcements()).toEqual([
      `<@${People.advocate}> sent the open-escalations digest to <#${Channels.support}> too (a public channel, confirmed). \`/advocate unsubscribe\` there stops it.`,
    ]);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'subscribe');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain(
      `Where each digest goes:\n*open-escalations digest*: <#${Channels.advocates}> (always), <#${Channels.support}>\n*NPS/CSAT digest*: <#${Channels.advocates}> (always)\n\`/advocate subscribe open|nps\` in a channel adds it (a public one needs \`confirm\`).`,
    );
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'subscribe open confirm');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain('already receives the open-escalations digest');
    expect(announcements()).toHaveLength(1);
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, 'subscribe open');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain('is the advocate channel: it always receives');

    // Subscribed at 10:00, after today's 09:00 digest: a catch-up now does not send it the 09:00 one.
    await runDueDigests(services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    expect(digestsIn(t, Channels.support)).toHaveLength(0);
    t.clock.set('2026-11-26T09:00:00Z');
    await runDueDigests(services, t.clock.now());
    expect(digestsIn(t, Channels.support)).toHaveLength(1);

    await t.slack.runSlashCommand(People.advocate, Channels.support, 'unsubscribe open');
    await t.settle();
    expect(lastEphemeralText(t, People.advocate)).toContain('will no longer receive the open-escalations digest');
    expect(announcements()).toEqual([
      expect.stringContaining('sent the open-escalations digest'),
      `<@${People.advocate}> stopped the open-escalations digest in <#${Channels.support}>.`,
    ]);
    t.clock.set('2026-11-27T09:00:00Z');
    await runDueDigests(services, t.clock.now());
    expect(digestsIn(t, Channels.support)).toHaveLength(1);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(3);
  });

  it('`/advocate digest` posts to the advocate channel now, without taking the scheduled run’s place', async () => {
    t.clock.set('2026-11-25T08:30:00Z');
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'digest');
    await t.settle();
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    expect(lastEphemeralText(t, People.advocate)).toContain(
      `Posted the open-escalations digest to <#${Channels.advocates}>`,
    );
    const manual = await t.app.db.prisma.delivery.findFirstOrThrow();
    expect(manual).toMatchObject({ period: 'manual:2026-11-25T08:30:00.000Z', trigger: 'manual', status: 'sent' });
    t.clock.set('2026-11-25T09:00:00Z');
    await runDueDigests(services, t.clock.now());
    expect(digestsIn(t, Channels.advocates)).toHaveLength(2);
  });

  it('logs the blocks instead of posting them in a dry run, and records nothing', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', (line) => lines.push(line) > 0);
    const dry: TDigestServices = { ...services, logger, config: { ...services.config, dryRun: true } };
    const [run] = await runDueDigests(dry, t.clock.now());
    expect(run?.results).toMatchObject([{ channelId: Channels.advocates, outcome: 'dry-run' }]);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(0);
    expect(await t.app.db.prisma.delivery.count()).toBe(0);
    expect(lines.join('\n')).toContain(
      'dry run: digest for C0ADVOCATE, message 1 of 1: {"text":"No open escalations."',
    );
    // The minute tick comes back all day: the same dry run is logged once, not every minute.
    t.clock.set('2026-11-25T09:01:00Z');
    expect(await runDueDigests(dry, t.clock.now())).toEqual([]);
    expect(lines.filter((line) => line.includes('dry run: digest'))).toHaveLength(1);
  });
});

describe.each(testProviders())('digest schedule across daylight-saving changes on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      clock: new ManualClock('2026-03-07T12:00:00Z'),
      env: { DIGEST_TZ: 'America/New_York', OPEN_DIGEST_CRON: '0 9 * * *' },
    });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await clearDigestData(t.app.db.prisma);
    t.slack.reset();
  });

  const tickAt = async (iso: string, services = t.app.services) => {
    t.clock.set(iso);
    return runDueDigests(services, t.clock.now());
  };

  it('sends at 09:00 New York time on 8 March 2026 (13:00 UTC, not 14:00)', async () => {
    await tickAt('2026-03-07T14:00:00Z');
    expect(await tickAt('2026-03-08T12:59:00Z')).toEqual([]);
    expect(await tickAt('2026-03-08T13:00:00Z')).toMatchObject([{ period: '2026-03-08T09:00', trigger: 'schedule' }]);
    expect(await tickAt('2026-03-08T14:00:00Z')).toMatchObject([{ results: [{ outcome: 'already-sent' }] }]);
    const periods = await t.app.db.prisma.delivery.findMany({ select: { period: true }, orderBy: { id: 'asc' } });
    expect(periods.map((row) => row.period)).toEqual(['2026-03-07T09:00', '2026-03-08T09:00']);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(2);
  });

  it('sends at 09:00 New York time on 1 November 2026 (14:00 UTC, not 13:00), once', async () => {
    await tickAt('2026-10-31T13:00:00Z');
    expect(await tickAt('2026-11-01T13:00:00Z')).toEqual([]);
    expect(await tickAt('2026-11-01T14:00:00Z')).toMatchObject([{ period: '2026-11-01T09:00', trigger: 'schedule' }]);
    await tickAt('2026-11-01T15:00:00Z');
    expect(digestsIn(t, Channels.advocates)).toHaveLength(2);
    expect(digestsIn(t, Channels.advocates)[1]?.blocks).toBeDefined();
  });

  it('posts a 01:30 digest once on 1 November although 01:30 happens twice, and skips 02:30 on 8 March', async () => {
    const withCron = (openCron: string): TDigestServices => ({
      ...t.app.services,
      config: { ...t.app.services.config, digest: { ...t.app.services.config.digest, openCron } },
    });
    expect(await tickAt('2026-11-01T05:30:00Z', withCron('30 1 * * *'))).toMatchObject([
      { period: '2026-11-01T01:30', trigger: 'schedule' },
    ]);
    expect(await tickAt('2026-11-01T06:30:00Z', withCron('30 1 * * *'))).toMatchObject([
      { period: '2026-11-01T01:30', results: [{ outcome: 'already-sent' }] },
    ]);
    expect(digestsIn(t, Channels.advocates)).toHaveLength(1);
    for (const iso of ['2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', '2026-03-08T08:30:00Z'])
      expect(await tickAt(iso, withCron('30 2 * * *'))).toEqual([]);
  });
});
