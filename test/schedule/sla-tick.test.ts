import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAdvocate } from '../../src/app/start-advocate';
import { createLogger } from '../../src/logger';
import { tickSla } from '../../src/schedule/sla-tick';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { clearDigestData } from '../support/digest-data-set';
import { blockText, type TBlock } from '../support/slack-text';

type TMessage = { text: string; ts: string; thread_ts?: string; blocks?: TBlock[] };

// Friday 4 December 2026, 16:30 UTC; business hours Mon–Fri 09:00–17:00 UTC.
const FRIDAY_1630 = '2026-12-04T16:30:00Z';
const LEADS = 'S0LEADS01';

describe.each(testProviders())('SLA warnings and breaches on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      clock: new ManualClock(FRIDAY_1630),
      env: {
        ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP,
        ADVOCATE_LEADS_USERGROUP_ID: LEADS,
        BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
        SLA_HIGH_HOURS: '1',
        SLA_RESOLVE_HIGH_HOURS: '4',
      },
    });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    await clearDigestData(t.app.db.prisma);
    t.slack.reset();
    t.clock.set(FRIDAY_1630);
  });

  async function flag(text = '!high customer:"Acme Corp" exports time out') {
    await t.slack.runSlashCommand(People.agent, Channels.support, text);
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    return { id: escalation.id, ts: escalation.cardTs! };
  }
  const tickAt = async (at: string) => {
    t.clock.set(at);
    const due = await tickSla(t.app.services, t.clock.now());
    await t.settle();
    return due;
  };
  const slaLines = (ts: string) =>
    (t.slack.threadOf(Channels.advocates, ts) as TMessage[])
      .map((message) => message.text)
      .filter((text) => text.startsWith(':hourglass_flowing_sand:') || text.startsWith(':rotating_light:'))
      .filter((text) => !text.includes('is now at risk'));
  const breachPosts = () =>
    (t.slack.messagesIn(Channels.advocates) as TMessage[])
      .filter((message) => !message.thread_ts && message.text.includes('SLA breach'))
      .map((message) => message.text);
  const cardText = (ts: string) =>
    blockText((t.slack.messagesIn(Channels.advocates).find((message) => message.ts === ts) as TMessage).blocks);

  it('warns at 75% and breaches at the target, counted in business hours, each once; the leads hear of the breach', async () => {
    const { id, ts } = await flag();
    // Friday 16:30 + 1 business hour = Monday 09:30; 75% of it is spent at Monday 09:15.
    for (const at of ['2026-12-04T16:59:00Z', '2026-12-05T12:00:00Z', '2026-12-07T09:14:00Z']) await tickAt(at);
    expect(slaLines(ts)).toEqual([]);

    await tickAt('2026-12-07T09:15:00Z');
    await tickAt('2026-12-07T09:20:00Z');
    expect(slaLines(ts)).toEqual([
      expect.stringMatching(
        new RegExp(`^:hourglass_flowing_sand: \\*ADV-${id}\\* \\(high\\) has used 75% of its claim target of 1h`),
      ),
    ]);
    expect(breachPosts()).toEqual([]);

    await tickAt('2026-12-07T09:30:00Z');
    await tickAt('2026-12-07T10:00:00Z');
    expect(slaLines(ts)).toHaveLength(2);
    expect(slaLines(ts)[1]).toMatch(
      new RegExp(`^:rotating_light: \\*ADV-${id}\\* \\(high\\) breached its claim target of 1h`),
    );
    expect(breachPosts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^:rotating_light: <!subteam\\^${LEADS}> SLA breach: \\*ADV-${id}\\* \\(high\\) for Acme Corp missed its claim target of 1h`,
        ),
      ),
    ]);
    expect(cardText(ts)).toContain('claim breached (was due Mon 09:30)');

    // Claimed at 10:00: the resolve target (4 h from the flag: Monday 12:30) warns at 3 h spent (11:30), naming the owner.
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'eyes');
    await t.settle();
    await tickAt('2026-12-07T11:29:00Z');
    expect(slaLines(ts)).toHaveLength(2);
    await tickAt('2026-12-07T11:30:00Z');
    expect(slaLines(ts)[2]).toMatch(
      new RegExp(
        `^:hourglass_flowing_sand: <@${People.advocate}> \\*ADV-${id}\\* \\(high\\) has used 75% of its resolve target of 4h`,
      ),
    );
    const timeline = await t.app.db.prisma.timelineEntry.findMany({
      where: { escalationId: id, action: { startsWith: 'SLA' } },
      orderBy: { id: 'asc' },
    });
    expect(timeline.map((entry) => `${entry.action} ${entry.toValue}`)).toEqual([
      'SLA warning claim',
      'SLA breached claim',
      'SLA warning resolve',
    ]);
  });

  it('sends nothing for a resolve clock paused while waiting', async () => {
    const { id, ts } = await flag();
    t.clock.set('2026-12-07T09:00:00Z');
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, `claim ADV-${id}`);
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, `wait ADV-${id} customer`);
    await t.settle();
    await tickAt('2026-12-08T16:00:00Z');
    expect(slaLines(ts)).toEqual([]);
  });

  it('posts a breach once when two instances tick at the same moment', async () => {
    const { ts } = await flag();
    const second = await startAdvocate(
      { ...t.config, skipMigration: true },
      { clock: t.clock, logger: createLogger('error'), outboxIntervalMs: 3_600_000 },
    );
    try {
      t.clock.set('2026-12-07T10:00:00Z');
      const ticks = [() => tickSla(t.app.services, t.clock.now()), () => tickSla(second.services, t.clock.now())];
      // SQLite serves one process only (its synchronous driver would wait on the other instance's transaction).
      if (provider === 'postgresql') await Promise.all(ticks.map((tick) => tick()));
      else for (const tick of ticks) await tick();
      // A restart later: the stored markers hold.
      await tickSla(second.services, new Date('2026-12-07T11:00:00Z'));
      await t.settle();
      await second.idle();
      expect(slaLines(ts)).toHaveLength(1);
      expect(breachPosts()).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
