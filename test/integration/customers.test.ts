import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

const TOKEN = 'crm-token-0123456789abcdef';
const NOW = '2026-11-25T10:00:00.000Z';

type TSlackMessage = { text: string; ts: string; blocks?: TBlock[] };

const buttonsOf = (message: { blocks?: TBlock[] } | undefined) =>
  (message?.blocks ?? []).flatMap((block) =>
    block.type === 'actions' ? (block.elements ?? []).map((element) => element.action_id) : [],
  );
const dmChannel = dmChannelOf;

describe.each(testProviders())('customers on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      env: { SURVEY_WEBHOOK_TOKEN: TOKEN, ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP },
      clock: new ManualClock(NOW),
    });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    t.slack.reset();
    t.clock.set(NOW);
  });

  const post = (path: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${t.app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const answer = async (response: Response) => ({ status: response.status, body: await response.json() });
  const customer = (name: string) =>
    t.app.db.prisma.customer.findFirstOrThrow({ where: { nameKey: name.toLowerCase() } });
  const command = async (user: string, text: string) => {
    const ack = await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    const reply = t.slack.ephemeralsFor(user).at(-1);
    expect(ack?.status).toBe(200);
    return { text: reply?.text ?? '', body: blockText(reply?.blocks as TBlock[]) };
  };
  const flag = async (text: string, user: string = People.agent) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };
  const advocateChannel = () => t.slack.messagesIn(Channels.advocates) as TSlackMessage[];
  const announcements = (name: string) =>
    advocateChannel().filter((message) => message.text.startsWith(`${name} is now at risk`));

  describe('POST /customers', () => {
    it('refuses a wrong token, and names the item and field of a bad body, storing none of it', async () => {
      const item = { customer: 'Nobody Inc', event: 'active' };
      expect((await post('/customers', item, null)).status).toBe(401);
      expect((await post('/customers', item, 'crm-token-0123456789abcdeX')).status).toBe(401);
      expect(await answer(await post('/customers', [item, { customer: 'Nobody Inc', event: 'upgraded' }]))).toEqual({
        status: 400,
        body: { error: 'item 1: event: must be "active", "renewed", "churned" or "updated"' },
      });
      expect(
        await answer(
          await post('/customers', { customer: 'Nobody Inc', event: 'churned', at: '2026-12-25T00:00:00Z' }),
        ),
      ).toEqual({ status: 400, body: { error: 'at: must not be in the future' } });
      expect(await answer(await post('/customers', { customer: 'Nobody Inc', event: 'active', arr: -5 }))).toEqual({
        status: 400,
        body: { error: 'arr: must not be negative' },
      });
      expect(await t.app.db.prisma.customer.count({ where: { nameKey: 'nobody inc' } })).toBe(0);
    });

    it('creates customers on first mention, dedupes externalIds, and follows the latest `at`', async () => {
      const first = { customer: 'Acme Corp', event: 'active', at: '2026-01-10', externalId: 'crm-1', arr: 120000 };
      expect(await answer(await post('/customers', first))).toEqual({
        status: 200,
        body: { accepted: 1, duplicates: 0, customersCreated: 1 },
      });
      const batch = [
        { customer: 'acme  corp', event: 'churned', at: '2026-11-01T00:00:00Z', externalId: 'crm-3' },
        { customer: 'ACME CORP', event: 'renewed', at: '2026-06-01T00:00:00Z', externalId: 'crm-2', arr: 150000 },
        first,
      ];
      expect(await answer(await post('/customers', batch))).toEqual({
        status: 200,
        body: { accepted: 2, duplicates: 1, customersCreated: 0 },
      });
      expect(await customer('Acme Corp')).toMatchObject({
        name: 'Acme Corp',
        status: 'churned',
        statusSince: new Date('2026-11-01T00:00:00Z'),
        arr: 150000,
      });
      expect(await answer(await post('/customers', batch))).toMatchObject({ body: { accepted: 0, duplicates: 3 } });
      await post('/customers', { customer: 'Acme Corp', event: 'active', arr: 90000 });
      expect(await customer('Acme Corp')).toMatchObject({ status: 'active', statusSince: new Date(NOW), arr: 90000 });
    });
  });

  it('shows the profile privately: status, escalations with severity and owner, themes, surveys, detractor', async () => {
    await post('/customers', { customer: 'Globex', event: 'active', at: '2026-02-01T00:00:00Z', arr: 80000 });
    const critical = await flag('!critical customer:Globex exports time out for every report');
    await t.slack.addReaction(People.advocate, Channels.advocates, critical.cardTs!, 'eyes');
    await t.settle();
    const other = await flag('!low customer:globex dark mode colours are off');
    await command(People.advocate, `theme Slow exports ADV-${critical.id}`);
    await post('/surveys', [
      { kind: 'nps', score: 9, customer: 'Globex', respondedAt: '2026-10-01T10:00:00Z' },
      { kind: 'nps', score: 3, customer: 'GLOBEX', respondedAt: '2026-11-20T10:00:00Z', comment: 'Exports fail daily' },
      { kind: 'csat', score: 2, customer: 'Globex', respondedAt: '2026-11-21T10:00:00Z' },
    ]);
    await t.settle();

    const profile = await command(People.advocate, 'customer  globex ');
    expect(profile.text).toBe('Globex: active, 2 open escalations, at risk');
    for (const expected of [
      'active* since',
      'ARR $80,000',
      'At risk',
      'open high/critical escalation: ADV-' + critical.id + ' (critical)',
      'detractor response',
      `*Open escalations (2)*`,
      `*ADV-${critical.id}* :red_circle: critical · <@${People.advocate}> · claimed`,
      `*ADV-${other.id}* :large_green_circle: low · _unclaimed_ · open`,
      'THM-',
      'Slow exports (open)',
      'NPS 0 (2) over the last 90 days vs — (0) the 90 before',
      'CSAT 0% (1)',
      '*Latest detractor comment* (NPS 3,',
      '>Exports fail daily',
    ]) {
      expect(profile.body).toContain(expected);
    }
  });

  it('answers an unknown name with the closest names, not an empty profile', async () => {
    const reply = await command(People.advocate, 'customer globx');
    expect(reply.text).toBe('No customer is named “globx”. Did you mean “Globex”?');
    expect(reply.body).toContain('`/advocate customer Globex`');
    expect((await command(People.advocate, 'customer zzyzx')).text).toBe(
      'No customer is named “zzyzx”, and none has a similar name.',
    );
  });

  it('merges for advocates only, moves everything over, updates the cards, and is safe to retry', async () => {
    const escalation = await flag('customer:"Globex Inc" invoices show the wrong tax');
    const refused = await command(People.bystander, 'customer merge "Globex Inc" "Globex"');
    expect(refused.text).toContain('Only advocates');
    expect((await customer('Globex Inc')).mergedIntoId).toBeNull();

    const merged = await command(People.advocate, 'customer merge "globex inc" "Globex"');
    expect(merged.text).toBe(
      'Merged “Globex Inc” into “Globex”: moved 1 escalation, 0 survey responses, 0 lifecycle events.',
    );
    const target = await customer('Globex');
    expect(await customer('Globex Inc')).toMatchObject({ mergedIntoId: target.id });
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).customerId).toBe(
      target.id,
    );
    const entry = await t.app.db.prisma.timelineEntry.findFirstOrThrow({
      where: { customerId: target.id, action: 'merged' },
    });
    expect(entry).toMatchObject({
      actorId: People.advocate,
      fromValue: 'Globex Inc',
      toValue: 'Globex',
      via: 'command',
    });
    const card = advocateChannel().find((message) => message.ts === escalation.cardTs);
    expect(blockText(card?.blocks)).toContain('*Customer*\nGlobex');
    expect(blockText(card?.blocks)).not.toContain('Globex Inc');

    expect((await command(People.advocate, 'customer merge "Globex Inc" "Globex"')).text).toBe(
      '“Globex Inc” was already merged into “Globex”; nothing changed.',
    );
    expect((await command(People.advocate, 'customer merge "Globex" "globex"')).text).toContain(
      'cannot be merged into itself',
    );
    expect(await t.app.db.prisma.timelineEntry.count({ where: { customerId: target.id, action: 'merged' } })).toBe(1);
    // The alias's name now opens the survivor's profile.
    expect((await command(People.advocate, 'customer Globex Inc')).text).toMatch(/^Globex: active/);
  });

  it('announces a customer once when it becomes at risk, with a button that opens an escalation for it', async () => {
    // A detractor is news to the channel: announced there.
    await post('/surveys', { kind: 'nps', score: 0, customer: 'Initech' });
    await t.settle();
    const [announcement, ...more] = announcements('Initech');
    expect(more).toEqual([]);
    expect(announcement!.text).toMatch(/^Initech is now at risk: 1 detractor/);
    expect(blockText(announcement!.blocks)).toContain('*Initech* is now at risk:\n• ');
    expect(buttonsOf(announcement)).toEqual(['at_risk_open_escalation', 'customer_profile']);

    await flag('!high customer:Initech the TPS export crashes');
    await flag('!critical customer:initech the TPS export still crashes');
    await t.settle();
    expect(announcements('Initech')).toHaveLength(1);

    await t.slack.clickButton(People.advocate, Channels.advocates, announcement!.ts, 'at_risk_open_escalation');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'advocate_intake');
    const customerBlock = ((modal?.blocks ?? []) as TBlock[]).find((block) => block.block_id === 'customer');
    expect(customerBlock?.element?.initial_value).toBe('Initech');
    await t.slack.submitView(People.advocate, modal!.id as string, {
      summary: { value: { type: 'plain_text_input', value: 'Call Initech about the export crashes' } },
      customer: { value: { type: 'plain_text_input', value: 'Initech' } },
    });
    await t.settle();
    const created = await t.app.db.prisma.escalation.findFirstOrThrow({
      orderBy: { id: 'desc' },
      include: { customer: true },
    });
    expect(created).toMatchObject({ summary: 'Call Initech about the export crashes', reporterId: People.advocate });
    expect(created.customer?.name).toBe('Initech');
    expect(announcements('Initech')).toHaveLength(1);

    const list = await command(People.advocate, 'customer at-risk');
    expect(list.text).toMatch(/^\d+ customers at risk$/);
    // Globex has three reasons (escalation, detractors, … ) and sorts before Initech.
    expect(list.body.indexOf('*Globex*')).toBeGreaterThan(-1);
    expect(list.body.indexOf('*Globex*')).toBeLessThan(list.body.indexOf('*Initech*'));
  });

  it('opens the profile from a card privately, and from the App Home by DM', async () => {
    const escalation = await flag('!medium customer:Globex the search is slow');
    await t.slack.clickButton(People.advocate2, Channels.advocates, escalation.cardTs!, 'customer_profile');
    await t.settle();
    const reply = t.slack.ephemeralsFor(People.advocate2).at(-1);
    expect(reply?.text).toMatch(/^Globex: active/);
    expect(blockText(reply?.blocks as TBlock[])).toContain('*Open escalations (');

    await t.slack.openHome(People.advocate);
    await t.settle();
    await t.slack.clickHomeButton(People.advocate, 'customer_profile');
    await t.settle();
    const dm = (t.slack.messagesIn(dmChannel(People.advocate)) as TSlackMessage[]).at(-1);
    expect(dm?.text).toMatch(/^Globex: active/);
  });

  it('puts retention for the last full month and quarter, and the at-risk list, in the weekly report', async () => {
    await post('/customers', [
      { customer: 'Churner', event: 'active', at: '2026-03-01', arr: 10000 },
      { customer: 'Churner', event: 'churned', at: '2026-10-15' },
      { customer: 'Newbie', event: 'active', at: '2026-10-20', arr: 5000 },
    ]);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'digest nps');
    await t.settle();
    const report = advocateChannel().find((message) => message.text.startsWith('NPS & CSAT'));
    const text = blockText(report?.blocks);
    // October: active at the start Acme Corp, Globex, Churner (3); Churner left; Newbie is new: (3 − 1) / 3.
    expect(text).toContain('*Retention · 2026-10* (last month)');
    expect(text).toContain('Customers: *66.7%*: 2 of 3 active at the start still active (3 at the end, 1 new)');
    // ARR at the start 150,000 + 80,000 + 10,000; at the end the same but Churner's: 230,000 / 240,000.
    expect(text).toContain('Revenue: *95.8%*: ARR 240,000 → 230,000 (3 of 3 with a known ARR)');
    expect(text).toContain('Churned (1): Churner');
    expect(text).toContain('Churn with warning signs: of 1 churned, 0 had an escalation');
    expect(text).toContain('*Retention · 2026-Q3* (last quarter)');
    expect(text).toMatch(/\*Customers at risk \(\d+\)\*, most reasons first/);
    expect(text).toContain('*Globex*');
  });
});
