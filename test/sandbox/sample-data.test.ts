import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/core/shared/time/zoned';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { Channels, People, startTestSandbox, type TTestSandbox } from './sandbox-harness';

type TAnswer = { ok: boolean; message?: string; error?: string; escalationIds?: number[] };

describe.each(testProviders())('the sample data on %s', (provider) => {
  let t: TTestSandbox;
  const clock = new ManualClock('2026-11-25T10:00:00Z');
  let first: { status: number; body: TAnswer };

  beforeAll(async () => {
    t = await startTestSandbox(provider, { clock });
    first = await t.post<TAnswer>('/sandbox/api/sample-data', {});
    await t.settle();
  });
  afterAll(async () => t.stop());

  const prisma = () => t.sandbox.db.prisma;
  const headers = (channel: string) =>
    t.sandbox.standIn
      .messagesIn(channel)
      .map((m) => ((m.blocks as Array<{ type: string; text?: { text: string } }> | undefined) ?? [])[0])
      .filter((block) => block?.type === 'header')
      .map((block) => block!.text!.text);

  it('loads escalations of every status, each flagged from a message in #support, with their cards', async () => {
    expect(first.status).toBe(200);
    expect(first.body.message).toMatch(
      /^Loaded 9 escalations \(ADV-1…ADV-9: 4 open, 3 claimed, 2 resolved\), theme THM-1, theme THM-2 fixed 35 days ago/,
    );
    const escalations = await prisma().escalation.findMany({ orderBy: { id: 'asc' }, include: { customer: true } });
    expect(escalations.map((e) => e.status).sort()).toEqual([
      'claimed',
      'claimed',
      'claimed',
      'open',
      'open',
      'open',
      'open',
      'resolved',
      'resolved',
      // The fixed theme's two.
      'resolved',
      'resolved',
    ]);
    expect(new Set(escalations.map((e) => e.severity))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    // The cards go out at Slack's pace after the answer: every one arrives.
    await expect
      .poll(async () => (await prisma().escalation.findMany()).every((e) => e.postState === 'posted'), {
        timeout: 20_000,
      })
      .toBe(true);
    const oldest = escalations[0]!;
    expect(clock.now().getTime() - oldest.createdAt.getTime()).toBeGreaterThan(10 * 86_400_000);

    const support = t.sandbox.standIn.messagesIn(Channels.support);
    // ADV-9 is the flag from the channel shared with Acme; the fixed theme's two come after it.
    const [fromShared] = escalations.splice(8, 1);
    expect(fromShared).toMatchObject({ sourceChannelId: 'C0ACMESHRD', customer: { name: 'Acme Corp' } });
    for (const escalation of escalations) {
      expect(support.some((m) => m.ts === escalation.sourceMessageTs)).toBe(true);
      expect(escalation.sourceLink).toContain(`/archives/${Channels.support}/p`);
    }
    const cards = headers(Channels.advocates).filter((text) => text.startsWith('ADV-'));
    expect(cards).toHaveLength(11); // every escalation, the shared-channel one and the fixed theme's included
    const timeline = await prisma().timelineEntry.findMany({ where: { escalationId: { not: null } } });
    expect([...new Set(timeline.map((entry) => entry.action))]).toEqual(
      expect.arrayContaining(['flagged', 'claimed', 'resolved', 'severity raised', 'detractor response']),
    );
  });

  it('gives the sample customers owners, tiers, renewals and ARR, and links a shared channel to Acme Corp', async () => {
    const accounts = await prisma().customer.findMany({ where: { owner: { not: null } }, orderBy: { name: 'asc' } });
    expect(accounts.map((customer) => customer.name)).toEqual([
      'Acme Corp',
      'Globex',
      'Hooli',
      'Initech',
      'Initrode',
      'Soylent',
    ]);
    expect(accounts.every((customer) => customer.tier && customer.arr && customer.renewalAt)).toBe(true);
    expect(await prisma().customerChannel.findMany({ include: { customer: true } })).toMatchObject([
      { channelId: 'C0ACMESHRD', customer: { name: 'Acme Corp' } },
    ]);
    expect(t.sandbox.standIn.messagesIn('C0ACMESHRD')).toHaveLength(1);
  });

  it('loads a theme over three customers’ billing escalations, with its card', async () => {
    const themes = await prisma().theme.findMany({
      where: { status: 'open' },
      include: { escalations: { include: { customer: true } } },
    });
    expect(themes).toHaveLength(1);
    expect(themes[0]!.escalations.map((e) => e.customer?.name).sort()).toEqual(['Acme Corp', 'Initrode', 'Soylent']);
    expect(headers(Channels.advocates).some((text) => text.startsWith('THM-1 ·'))).toBe(true);
  });

  it('loads eight ISO weeks of NPS and CSAT responses, none in the future, most weeks 30 or more', async () => {
    const responses = await prisma().surveyResponse.findMany();
    const weeks = new Map<string, number>();
    for (const response of responses.filter((r) => r.kind === 'nps')) {
      const label = isoWeekOf(response.respondedAt, 'UTC').label;
      weeks.set(label, (weeks.get(label) ?? 0) + 1);
    }
    expect([...weeks.keys()].sort()).toEqual([
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
    ]);
    expect([...weeks.values()].filter((count) => count >= 30).length).toBeGreaterThanOrEqual(5);
    expect(responses.some((r) => r.kind === 'csat')).toBe(true);
    expect(responses.every((r) => r.respondedAt <= clock.now())).toBe(true);
    expect(new Set(responses.map((r) => r.score)).size).toBeGreaterThan(6);
  });

  it('loads a theme fixed five weeks ago whose outcome anyone can ask for', async () => {
    const fixed = await prisma().theme.findFirstOrThrow({ where: { status: 'resolved' } });
    expect(fixed.id).toBe(2);
    await t.post('/sandbox/api/command', {
      user: People.alice,
      channel: Channels.support,
      text: 'theme THM-2 outcome',
    });
    await t.settle();
    const answer = t.sandbox.standIn.ephemeralsFor(People.alice).at(-1);
    const shown = JSON.stringify(answer?.blocks ?? answer?.text);
    // Before: 3, 4, 6 → −100; since: 9, 10, 8 → +67 (and whatever the eight weeks of sample responses add).
    expect(shown).toMatch(/NPS -?\d+ \(\d+\) → [+-]?\d+ \(\d+\)/);
    expect(shown).toContain('won back: NPS +');
  });

  it('adds one fresh detractor to the open Globex escalation’s thread', async () => {
    const globex = await prisma().escalation.findFirstOrThrow({ where: { customer: { name: 'Globex' } } });
    const thread = t.sandbox.standIn.threadOf(Channels.advocates, globex.cardTs!);
    expect(thread.map((m) => m.text).join('\n')).toContain('New detractor response from *Globex*: NPS 3');
  });

  it('refuses a second load with a clear message and duplicates nothing', async () => {
    const counts = async () => [
      await prisma().escalation.count(),
      await prisma().theme.count(),
      await prisma().surveyResponse.count(),
      t.sandbox.standIn.messagesIn(Channels.advocates).length,
    ];
    const before = await counts();
    const again = await t.post<TAnswer>('/sandbox/api/sample-data', {});
    await t.settle();
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(
      /^The sample data was already loaded on 2026-11-25 10:00 UTC; loading it again would duplicate it\.$/,
    );
    expect(await counts()).toEqual(before);
  });

  it('gives both digests something to show', async () => {
    await t.post('/sandbox/api/digest', { user: People.bob, kind: 'open' });
    await t.post('/sandbox/api/digest', { user: People.bob, kind: 'nps' });
    await t.settle();
    const texts = t.sandbox.standIn.messagesIn(Channels.advocates).map((m) => JSON.stringify(m.blocks ?? m.text));
    const open = texts.find((text) => text.includes('Open escalations'));
    expect(open).toMatch(/ADV-\d/);
    const nps = texts.find((text) => /NPS [+-]?\d+ \(\d+ responses\)/.test(text));
    expect(nps).toBeDefined();
    expect(nps).toMatch(/CSAT \d+% \(\d+ responses\)/);
  });

  it('presses the row a person chose when a digest repeats a button on every row', async () => {
    type TRow = { block_id: string; text?: { text: string }; accessory?: { action_id?: string } };
    const digest = t.sandbox.standIn
      .messagesIn(Channels.advocates)
      .find((m) => JSON.stringify(m.blocks ?? []).includes('detractor_open_escalation'))!;
    const rows = (digest.blocks as TRow[]).filter((b) => b.accessory?.action_id === 'detractor_open_escalation');
    expect(rows.length).toBeGreaterThan(1);
    const second = rows[1]!;
    const customer = /· \*([^*]+)\* ·/.exec(second.text!.text)![1]!;
    const before = await prisma().escalation.count();
    const pressed = await t.post('/sandbox/api/button', {
      user: People.bob,
      surface: 'message',
      channel: Channels.advocates,
      ts: digest.ts,
      actionId: 'detractor_open_escalation',
      blockId: second.block_id,
    });
    await t.settle();
    expect(pressed.status).toBe(200);
    expect(await prisma().escalation.count()).toBe(before + 1);
    const opened = await prisma().escalation.findFirstOrThrow({ orderBy: { id: 'desc' }, include: { customer: true } });
    expect(opened.customer?.name).toBe(customer);
  });
});
