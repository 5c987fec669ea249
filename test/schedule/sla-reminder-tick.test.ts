import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAdvocate } from '../../src/app/start-advocate';
import { changeEscalation } from '../../src/core/escalations/change-escalation';
import type { TSeverity } from '../../src/core/escalations/escalation-vocabulary';
import { flagEscalation } from '../../src/core/escalations/flag-escalation';
import { breachesAt } from '../../src/core/escalations/sla-reminders';
import { createLogger } from '../../src/logger';
import { tickReminders } from '../../src/schedule/sla-reminder-tick';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { days, hours, ManualClock, minutes } from '../support/clock';
import { testProviders } from '../support/databases';
import { clearDigestData } from '../support/digest-data-set';

const START = '2026-11-25T09:00:00Z';

describe('reminder arithmetic', () => {
  it('counts whole limits passed', () => {
    expect([hours(3.99), hours(4), hours(7.99), hours(8), hours(12)].map((age) => breachesAt(age, hours(4)))).toEqual([
      0, 1, 1, 2, 3,
    ]);
  });
});

describe.each(testProviders())('SLA reminders on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      clock: new ManualClock(START),
      env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP, SLA_HIGH_HOURS: '4' },
    });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    await clearDigestData(t.app.db.prisma);
    t.slack.reset();
    t.clock.set(START);
  });

  const flag = (severity: TSeverity, summary = `${severity} thing is broken`) =>
    flagEscalation(t.app.services.deps, {
      reporterId: People.agent,
      sourceChannelId: Channels.support,
      summary,
      severity,
      tags: [],
      via: 'command',
    });
  const remindersIn = async (id: number) => {
    const card = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } });
    return (t.slack.threadOf(Channels.advocates, card.cardTs!) as { text: string }[])
      .map((message) => message.text)
      .filter((text) => text.startsWith(':alarm_clock:'));
  };
  const tickAt = async (ms: number) => {
    t.clock.set(new Date(new Date(START).getTime() + ms));
    return tickReminders(t.app.services, t.clock.now());
  };

  it('reminds once per limit passed in the card thread, mentioning the advocates, never once per tick', async () => {
    const escalation = await flag('high');
    for (const at of [minutes(1), hours(2), hours(3) + minutes(59)]) await tickAt(at);
    expect(await remindersIn(escalation.id)).toEqual([]);

    for (const at of [hours(4), hours(4) + minutes(1), hours(5), hours(7) + minutes(59)]) await tickAt(at);
    expect(await remindersIn(escalation.id)).toEqual([
      `:alarm_clock: <!subteam^${ADVOCATE_USERGROUP}> *ADV-${escalation.id}* (high) has been unclaimed for 4h, past its 4h limit. Claim it with :eyes: or the Claim button.`,
    ]);

    for (const at of [hours(8), hours(8) + minutes(1), hours(9)]) await tickAt(at);
    const reminders = await remindersIn(escalation.id);
    expect(reminders).toHaveLength(2);
    expect(reminders[1]).toContain('has been unclaimed for 8h, 2× its 4h limit');

    // Claimed: no more reminders, however long it stays open.
    t.clock.set(new Date(new Date(START).getTime() + hours(9) + minutes(30)));
    await changeEscalation(t.app.services.deps, {
      escalationId: escalation.id,
      kind: 'claim',
      actorId: People.advocate,
      via: 'command',
    });
    for (const at of [hours(12), days(3)]) await tickAt(at);
    expect(await remindersIn(escalation.id)).toHaveLength(2);
    const timeline = await t.app.db.prisma.timelineEntry.findMany({
      where: { escalationId: escalation.id, action: 'reminded' },
    });
    expect(timeline.map((entry) => entry.toValue)).toEqual(['1', '2']);
  });

  it('uses each severity’s limit and, after a long pause, sends the latest reminder only', async () => {
    const critical = await flag('critical');
    const low = await flag('low');
    await tickAt(hours(1));
    expect(await remindersIn(critical.id)).toHaveLength(1);
    expect(await remindersIn(low.id)).toHaveLength(0);
    // The app was down for ten days: the low one passed its 72h limit three times; one reminder says so.
    await tickAt(days(10));
    const lowReminders = await remindersIn(low.id);
    expect(lowReminders).toHaveLength(1);
    expect(lowReminders[0]).toContain('has been unclaimed for 10d, 3× its 3d limit');
    expect(await remindersIn(critical.id)).toHaveLength(2);
    expect((await remindersIn(critical.id))[1]).toContain('240× its 1h limit');
  });

  it('sends one reminder when two instances tick at the same moment', async () => {
    const escalation = await flag('critical');
    const second = await startAdvocate(
      { ...t.config, skipMigration: true },
      { clock: t.clock, logger: createLogger('error'), outboxIntervalMs: 3_600_000 },
    );
    try {
      t.clock.set(new Date(new Date(START).getTime() + hours(1)));
      const ticks = [
        () => tickReminders(t.app.services, t.clock.now()),
        () => tickReminders(second.services, t.clock.now()),
      ];
      // SQLite serves one process only (its synchronous driver would wait on the other instance's transaction).
      if (provider === 'postgresql') await Promise.all(ticks.map((tick) => tick()));
      else for (const tick of ticks) await tick();
      await t.settle();
      await second.idle();
      expect(await remindersIn(escalation.id)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('logs what is due and records nothing in a dry run', async () => {
    const escalation = await flag('critical');
    const lines: string[] = [];
    const dry = {
      ...t.app.services,
      logger: createLogger('info', 'test', (line) => lines.push(line) > 0),
      config: { ...t.app.services.config, dryRun: true },
    };
    t.clock.set(new Date(new Date(START).getTime() + hours(1)));
    expect(await tickReminders(dry, t.clock.now())).toHaveLength(1);
    expect(lines.join('\n')).toContain(`dry run: reminder :alarm_clock:`);
    expect(await remindersIn(escalation.id)).toHaveLength(0);
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).remindersSent).toBe(
      0,
    );
  });
});
