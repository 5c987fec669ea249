import { describe, expect, it } from 'vitest';
import { applyTicketUpdate } from '../../src/core/themes/theme-tickets';
import { ADVOCATE_USERGROUP, Channels, People, useTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

type TMessage = { text: string; ts: string; blocks?: TBlock[] };

// Friday 4 December 2026, 16:30 UTC; business hours Mon–Fri 09:00–17:00 UTC.
const FRIDAY_1630 = '2026-12-04T16:30:00Z';

describe.each(testProviders())('the SLA clock on the card, waiting and resuming on %s', (provider) => {
  const t = useTestApp(provider, {
    clock: new ManualClock(FRIDAY_1630),
    env: {
      ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP,
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      SLA_HIGH_HOURS: '1',
      SLA_RESOLVE_HIGH_HOURS: '4',
    },
  });

  async function flagAt(at: string, text = '!high customer:"Acme Corp" exports time out') {
    t.clock.set(at);
    await t.slack.runSlashCommand(People.agent, Channels.support, text);
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    return { id: escalation.id, ts: escalation.cardTs! };
  }
  const cardText = (ts: string) =>
    blockText((t.slack.messagesIn(Channels.advocates).find((message) => message.ts === ts) as TMessage).blocks);
  const stored = (id: number) => t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } });
  const lastEphemeral = (user: string) => (t.slack.ephemeralsFor(user).at(-1) as TMessage | undefined)?.text ?? '';
  const command = async (user: string, text: string, at?: string) => {
    if (at) t.clock.set(at);
    await t.slack.runSlashCommand(user, Channels.advocates, text);
    await t.settle();
  };

  it('counts in business hours: flagged Friday 16:30 with a 1 h claim target is due Monday 09:30', async () => {
    const { ts } = await flagAt(FRIDAY_1630);
    expect(cardText(ts)).toContain('claim due Mon 09:30');
    t.clock.set('2026-12-04T16:40:00Z');
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'eyes');
    await t.settle();
    // Resolve: 4 business hours from Friday 16:30 → 30 min on Friday, 3 h 30 on Monday.
    expect(cardText(ts)).toContain('resolve due Mon 12:30');
  });

  it('pauses the resolve clock with /advocate wait and resumes it with the card’s Waiting… menu', async () => {
    const { id, ts } = await flagAt(FRIDAY_1630);
    await command(People.advocate, `claim ADV-${id}`, '2026-12-04T16:40:00Z');

    await command(People.advocate, `wait ADV-${id} engineering fix ships Tuesday`, '2026-12-07T10:00:00Z');
    expect(lastEphemeral(People.advocate)).toContain(`*ADV-${id}* is waiting on engineering`);
    expect(await stored(id)).toMatchObject({ status: 'claimed', waitingOn: 'engineering' });
    expect(cardText(ts)).toContain(`claimed by <@${People.advocate}> · waiting on engineering`);
    expect(cardText(ts)).toContain('resolve paused: waiting on engineering since Mon 10:00');

    // An hour later the fix is in: resumed from the card; the due time moved by the hour it waited.
    t.clock.set('2026-12-07T11:00:00Z');
    await t.slack.chooseOption(
      People.advocate,
      Channels.advocates,
      ts,
      'escalation_wait',
      JSON.stringify({ escalationId: id, version: (await stored(id)).version, on: null }),
    );
    await t.settle();
    expect(await stored(id)).toMatchObject({ waitingOn: null, waitingSince: null, resolvePausedSeconds: 3600 });
    expect(cardText(ts)).toContain('resolve due Mon 13:30');
    expect(cardText(ts)).not.toContain('waiting on');
    const timeline = await t.app.db.prisma.timelineEntry.findMany({
      where: { escalationId: id, action: { in: ['waiting', 'resumed'] } },
      orderBy: { id: 'asc' },
    });
    expect(timeline.map((entry) => `${entry.action} ${entry.toValue ?? ''} via ${entry.via}`)).toEqual([
      'waiting engineering via command',
      'resumed  via button',
    ]);
  });

  it('waits on the customer from the card, and any advocate action ends the wait', async () => {
    const { id, ts } = await flagAt('2026-12-07T09:00:00Z');
    await command(People.advocate, `claim ADV-${id}`);
    await t.slack.chooseOption(
      People.advocate,
      Channels.advocates,
      ts,
      'escalation_wait',
      JSON.stringify({ escalationId: id, version: (await stored(id)).version, on: 'customer' }),
    );
    await t.settle();
    expect(await stored(id)).toMatchObject({ waitingOn: 'customer' });
    expect(cardText(ts)).toContain('waiting on customer');

    t.clock.set('2026-12-07T09:30:00Z');
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'arrow_double_up');
    await t.settle();
    expect(await stored(id)).toMatchObject({ severity: 'critical', waitingOn: null, resolvePausedSeconds: 1800 });
    const raised = await t.app.db.prisma.timelineEntry.findFirstOrThrow({
      where: { escalationId: id, action: 'severity raised' },
    });
    expect(raised.detail).toContain('no longer waiting on customer');
  });

  it('is for advocates only, and says what is wrong with a bad wait, changing nothing', async () => {
    const { id } = await flagAt('2026-12-07T09:00:00Z');
    await command(People.bystander, `wait ADV-${id} customer`);
    expect(lastEphemeral(People.bystander)).toMatch(/Only advocates/);
    await command(People.advocate, `wait ADV-${id} later`);
    expect(lastEphemeral(People.advocate)).toContain(`wait ADV-${id} customer`);
    await command(People.advocate, `resume ADV-${id}`);
    expect(lastEphemeral(People.advocate)).toContain('is not waiting');
    expect(await stored(id)).toMatchObject({ waitingOn: null, version: 0 });
  });

  it("ends the wait when the linked theme's tickets all close", async () => {
    const { id, ts } = await flagAt('2026-12-07T09:00:00Z');
    await command(People.advocate, `claim ADV-${id}`);
    await command(People.advocate, `wait ADV-${id} engineering`);
    await command(People.advocate, `theme Export timeouts ADV-${id}`);
    const theme = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const url = 'https://github.com/acme/exports/issues/7';
    await command(People.advocate, `theme THM-${theme.id} link ${url}`);
    expect(await stored(id)).toMatchObject({ waitingOn: 'engineering' });

    t.clock.set('2026-12-07T11:00:00Z');
    await applyTicketUpdate(t.app.services.deps, { source: 'github', url, state: 'closed', at: t.clock.now() });
    await t.settle();
    expect(await stored(id)).toMatchObject({ waitingOn: null, resolvePausedSeconds: 7200 });
    expect(cardText(ts)).not.toContain('waiting on');
    const resumed = await t.app.db.prisma.timelineEntry.findFirstOrThrow({
      where: { escalationId: id, action: 'resumed' },
    });
    expect(resumed.detail).toBe("the theme's tickets all closed");
  });

  it("orders an advocate's App Home queue by time left, showing each clock", async () => {
    // A low one three weeks ago (past its 72 business hours), a high one and a medium one this morning.
    const low = await flagAt('2026-11-16T09:00:00Z', '!low customer:"Acme Corp" a typo on the invoice');
    const high = await flagAt('2026-12-07T09:00:00Z', '!high customer:"Acme Corp" exports time out');
    const medium = await flagAt('2026-12-07T09:10:00Z', '!medium customer:"Acme Corp" slow search');
    t.clock.set('2026-12-07T09:40:00Z');
    await t.slack.openHome(People.advocate);
    await t.settle();
    const home = t.slack.homeOf(People.advocate) as { blocks: TBlock[] };
    const text = blockText(home.blocks);
    const order = [low.id, high.id, medium.id]
      .map((id) => ({ id, at: text.indexOf(`*ADV-${id}*`) }))
      .sort((a, b) => a.at - b.at)
      .map(({ id }) => id);
    // Most severe first would be high, medium, low; by time left the breached low one leads, then the high one
    // (claim due 10:00), then the medium one (24 business hours).
    expect(order).toEqual([low.id, high.id, medium.id]);
    expect(text).toContain('claim due in 20m');
  });
});
