import { describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, useTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

const NOW = '2026-11-25T10:00:00.000Z';
const SHARED = 'C0SUPPORT1';

describe.each(testProviders())('account commands on %s', (provider) => {
  const t = useTestApp(provider, {
    env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP },
    clock: new ManualClock(NOW),
  });
  const command = async (user: string, text: string, channel: string = Channels.support) => {
    const ack = await t.slack.runSlashCommand(user, channel, text);
    await t.settle();
    expect(ack?.status).toBe(200);
    const reply = t.slack.ephemeralsFor(user).at(-1);
    return { text: reply?.text ?? '', body: blockText(reply?.blocks as TBlock[]) };
  };
  const acme = () => t.app.db.prisma.customer.findFirstOrThrow({ where: { nameKey: 'acme corp' } });
  const flagAs = async (text: string, channel: string = Channels.support) => {
    await t.slack.runSlashCommand(People.agent, channel, text);
    await t.settle();
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' }, include: { customer: true } });
  };

  it('sets any subset of the facts for advocates, shows them on the profile, and keeps the history', async () => {
    await flagAs('customer:"Acme Corp" invoices are missing their VAT line');
    const set = await command(
      People.advocate,
      `customer set "Acme Corp" owner:<@${People.advocate2}|carol> tier:Enterprise renews:2027-03-31 arr:120000`,
    );
    expect(set.text).toBe(
      `Acme Corp: owner _none_ → <@${People.advocate2}>, tier _none_ → enterprise, renewal _none_ → 2027-03-31, ARR _none_ → $120,000.`,
    );
    expect(await acme()).toMatchObject({
      owner: People.advocate2,
      tier: 'enterprise',
      renewalAt: new Date('2027-03-31T00:00:00Z'),
      arr: 120000,
    });
    const again = await command(People.advocate, 'customer set "Acme Corp" tier:growth domains:acme.com,acme.io');
    expect(again.text).toBe('Acme Corp: tier enterprise → growth, domains _none_ → acme.com,acme.io.');

    const profile = await command(People.advocate, 'customer Acme Corp');
    for (const expected of [
      `*Owner:* <@${People.advocate2}>`,
      '*Tier:* growth',
      '*ARR:* $120,000',
      'renews in 126 days',
      '*Domains:* acme.com, acme.io',
    ])
      expect(profile.body).toContain(expected);
    const history = await t.app.db.prisma.timelineEntry.findMany({
      where: { customer: { nameKey: 'acme corp' }, action: { startsWith: 'account-' } },
      orderBy: { id: 'asc' },
    });
    expect(history.map((entry) => [entry.action, entry.fromValue, entry.toValue, entry.actorId, entry.via])).toEqual([
      ['account-owner', null, People.advocate2, People.advocate, 'command'],
      ['account-tier', null, 'enterprise', People.advocate, 'command'],
      ['account-renewal', null, '2027-03-31', People.advocate, 'command'],
      ['account-arr', null, '120000', People.advocate, 'command'],
      ['account-tier', 'enterprise', 'growth', People.advocate, 'command'],
      ['account-domains', null, 'acme.com,acme.io', People.advocate, 'command'],
    ]);
  });

  it('names the account on the card and in `show`: owner, tier, ARR and renewal', async () => {
    const flagged = await flagAs('!high customer:"Acme Corp" exports fail for every admin');
    const card = t.slack.messagesIn(Channels.advocates).find((message) => message.ts === flagged.cardTs) as {
      blocks: TBlock[];
    };
    const account = `*Account*\nOwner <@${People.advocate2}> · growth · ARR $120,000 · renews in 126 days`;
    expect(blockText(card.blocks)).toContain(account);
    expect((await command(People.agent, `show ADV-${flagged.id}`)).body).toContain(account);
  });

  it('answers a bad value privately naming each problem, and applies none of the good ones', async () => {
    const before = await acme();
    const reply = await command(
      People.advocate,
      'customer set "Acme Corp" tier:platinum renews:someday arr:5000 owner:@dana',
    );
    expect(reply.text).toContain('Nothing was changed.');
    expect(reply.text).toContain('`tier:platinum` is not a tier: use one of enterprise, growth, starter');
    expect(reply.text).toContain('`renews:someday` is not a date');
    expect(reply.text).toContain('`owner:@dana` is not a person');
    expect(await acme()).toMatchObject({ arr: before.arr, tier: before.tier });
    expect((await command(People.advocate, 'customer set "Acme Corp" colour:blue')).text).toContain(
      '`colour:` is not a fact of a customer',
    );
    expect((await command(People.advocate, 'customer set "Acme Crop" tier:growth')).text).toContain(
      'There is no customer named “Acme Crop”; nothing was changed. Did you mean “Acme Corp”?',
    );
  });

  it('resolves an owner email through Slack, and keeps one Slack does not know as text', async () => {
    expect((await command(People.advocate, 'customer set "Acme Corp" owner:bob@example.com')).text).toContain(
      `owner <@${People.advocate2}> → <@${People.advocate}>`,
    );
    const unknown = await command(People.advocate, 'customer set "Acme Corp" owner:dana@acme.test');
    expect(unknown.body).toContain('No Slack user has the email dana@acme.test');
    expect(await acme()).toMatchObject({ owner: 'dana@acme.test' });
  });

  it('lets only advocates set facts or link channels', async () => {
    const refused = await command(People.agent, 'customer set "Acme Corp" tier:starter');
    expect(refused.text).toMatch(/advocate/i);
    expect((await acme()).tier).toBe('growth');
    const link = await command(People.bystander, 'channel customer:"Acme Corp"');
    expect(link.text).toMatch(/advocate/i);
    expect(await t.app.db.prisma.customerChannel.count()).toBe(0);
  });

  it('links a channel to a customer; flags there without customer: take it; unlink removes it', async () => {
    expect((await command(People.agent, 'channel', SHARED)).text).toContain('is not linked to a customer');
    expect((await command(People.advocate, 'channel customer:"acme corp"', SHARED)).text).toBe(
      `<#${SHARED}> now belongs to Acme Corp: a flag here without \`customer:\` names it.`,
    );
    expect((await command(People.agent, 'channel', SHARED)).text).toContain(`<#${SHARED}> is linked to Acme Corp.`);
    const linked = await flagAs('!high the export button does nothing at all', SHARED);
    expect(linked.customer?.name).toBe('Acme Corp');
    const named = await flagAs('customer:Globex the export button does nothing', SHARED);
    expect(named.customer?.name).toBe('Globex');
    expect((await command(People.advocate, 'customer Acme Corp')).body).toContain(`*Channels:* <#${SHARED}>`);
    await t.slack.runSlashCommand(People.agent, SHARED, '');
    await t.settle();
    const form = JSON.stringify(t.slack.callsTo('views.open').at(-1)?.params);
    expect(form).toContain('"initial_value":"Acme Corp"');
    // The message shortcut's form too; submitted as is, the escalation names Acme Corp.
    const message = t.slack.ws.post({ channel: SHARED, user: People.agent2, text: 'Our exports stopped overnight' });
    await t.slack.runMessageShortcut(People.agent, SHARED, message.ts, 'flag_for_advocacy');
    await t.settle();
    const modal = (
      t.slack.openViews() as unknown as {
        id: string;
        callback_id: string;
        blocks: { block_id: string; element: { initial_value?: string } }[];
      }[]
    )
      .filter((view) => view.callback_id === 'advocate_intake')
      .at(-1)!;
    expect(modal.blocks.find((block) => block.block_id === 'customer')?.element.initial_value).toBe('Acme Corp');
    await t.slack.submitView(People.agent, modal.id, {});
    await t.settle();
    const fromForm = await t.app.db.prisma.escalation.findFirstOrThrow({
      orderBy: { id: 'desc' },
      include: { customer: true },
    });
    expect(fromForm).toMatchObject({ summary: 'Our exports stopped overnight', customer: { name: 'Acme Corp' } });
    expect((await command(People.advocate, 'channel unlink', SHARED)).text).toBe(
      `<#${SHARED}> is no longer linked to Acme Corp.`,
    );
    expect((await flagAs('the export button does nothing again', SHARED)).customer).toBeNull();
  });
});
