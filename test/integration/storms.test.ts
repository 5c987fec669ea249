import { describe, expect, it } from 'vitest';
import { stormCloseTick } from '../../src/schedule/storm-close-tick';
import { ADVOCATE_USERGROUP, Channels, People, type TTestApp, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

type TPosted = { text: string; ts: string; blocks?: TBlock[]; thread_ts?: string };

const topLevel = (t: TTestApp) => t.slack.messagesIn(Channels.advocates) as TPosted[];
const topLevelCards = (t: TTestApp) => topLevel(t).filter((m) => m.text.startsWith('ADV-'));
const stormMessages = (t: TTestApp) => topLevel(t).filter((m) => /storm/i.test(m.text));

/** Sends everything the outbox holds, moving the test clock past each wait (a storm update's slot, a paced card). */
async function deliverEverything(t: TTestApp) {
  for (let round = 0; round < 40; round++) {
    await t.settle();
    const pending = await t.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } });
    if (pending === 0) return;
    t.clock.advance(6_000);
    await t.drainOutbox();
  }
  throw new Error('the outbox never emptied');
}

async function flag(t: TTestApp, count: number, from = 0) {
  for (let i = from; i < from + count; i++) {
    const agent = i % 2 ? People.agent : People.agent2;
    const customer = ['Acme Corp', 'Globex', 'Initech'][i % 3];
    await t.slack.runSlashCommand(agent, Channels.support, `!high #outage customer:"${customer}" login fails ${i}`);
  }
  await t.settle();
}

describe.each(testProviders())('storms on %s', (provider) => {
  // The bystander reads the advocate channel but is not in the advocates' group: an agent on advocate surfaces.
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP, STORM_THRESHOLD: '10' } });

  it('below the threshold every card is its own message; the tenth flag opens one storm that takes the cards in its thread, counts them in place, themes them and closes', async () => {
    await flag(t, 9);
    await deliverEverything(t);
    expect(topLevelCards(t)).toHaveLength(9);
    expect(stormMessages(t)).toEqual([]);

    await flag(t, 1, 9);
    await deliverEverything(t);
    const [storm] = stormMessages(t);
    expect(stormMessages(t)).toHaveLength(1);
    expect(storm!.text).toMatch(/^Storm: 10 escalations from 3 customers/);
    expect(blockText(storm!.blocks)).toContain('Acme Corp');
    expect(blockText(storm!.blocks)).toContain('10 high');
    expect(blockText(storm!.blocks)).toContain('#outage (10)');
    expect(topLevelCards(t)).toHaveLength(9);
    const tenth = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const thread = t.slack.threadOf(Channels.advocates, storm!.ts) as TPosted[];
    expect(thread.map((m) => m.ts)).toContain(tenth.cardTs);
    // The nine before it are counted in the storm (and keep their own cards).
    expect(await t.app.db.prisma.escalation.count({ where: { stormId: { not: null } } })).toBe(10);

    // Later flags go to the thread, the storm message counts them in place, and buttons work on thread cards.
    await flag(t, 5, 10);
    await deliverEverything(t);
    expect(topLevelCards(t)).toHaveLength(9);
    expect(stormMessages(t)[0]!.text).toMatch(/^Storm: 15 escalations from 3 customers/);
    const latest = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const later = t.slack.threadOf(Channels.advocates, storm!.ts) as TPosted[];
    expect(later.filter((m) => m.text.startsWith('ADV-'))).toHaveLength(6);

    await t.slack.clickButton(People.advocate, Channels.advocates, latest.cardTs!, 'escalation_claim');
    await t.settle();
    const claimed = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: latest.id } });
    expect(claimed).toMatchObject({ status: 'claimed', ownerId: People.advocate });

    // Create theme is for advocates and links every escalation of the storm to one new theme.
    await t.slack.clickButton(People.bystander, Channels.advocates, storm!.ts, 'storm_create_theme');
    await t.settle();
    expect(await t.app.db.prisma.theme.count()).toBe(0);

    await t.slack.clickButton(People.advocate, Channels.advocates, storm!.ts, 'storm_create_theme');
    await deliverEverything(t);
    const themes = await t.app.db.prisma.theme.findMany({ include: { escalations: true } });
    expect(themes).toHaveLength(1);
    expect(themes[0]!.escalations).toHaveLength(15);
    expect(blockText(stormMessages(t)[0]!.blocks)).toContain(`THM-${themes[0]!.id}`);

    // It closes when no flag came for the window, and says how many from how many in how long.
    t.clock.advance(6 * 60_000);
    await stormCloseTick(t.app.services);
    await deliverEverything(t);
    const [over] = stormMessages(t);
    expect(over!.text).toMatch(/^Storm over: 15 escalations from 3 customers in 1 minute/);
    // A flag after the storm is a card of its own again.
    await flag(t, 1, 15);
    await deliverEverything(t);
    expect(topLevelCards(t)).toHaveLength(10);
    // Cards and thread lines are sent at Slack's pace (about one a second in the channel): real seconds pass.
  }, 240_000);
});
