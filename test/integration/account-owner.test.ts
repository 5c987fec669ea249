import { blockActionsBody, postToApp } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, SIGNING_SECRET, useTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

const TOKEN = 'crm-token-0123456789abcdef';
const NOW = '2026-11-25T10:00:00.000Z';

type TSlackMessage = { text: string; ts: string; blocks?: TBlock[] };

describe.each(testProviders())('the account owner in the loop on %s', (provider) => {
  const t = useTestApp(provider, {
    env: { SURVEY_WEBHOOK_TOKEN: TOKEN, ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP },
    clock: new ManualClock(NOW),
  });
  const crm = (body: unknown) =>
    fetch(`${t.app.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
  const settled = async () => {
    await t.settle();
    // A DM that links to a card waits for the card: run the outbox once more, as its retry loop would.
    t.clock.advance(10_000);
    await t.drainOutbox();
    await t.settle();
  };
  const flag = async (text: string, user: string = People.agent) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await settled();
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };
  const dms = (userId: string) => t.slack.messagesIn(dmChannelOf(userId)) as TSlackMessage[];
  const command = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await settled();
    return t.slack.ephemeralsFor(user).at(-1)?.text ?? '';
  };

  it('DMs the owner when their account is flagged, claimed, resolved and turns at risk; never the one who acted', async () => {
    await crm([
      {
        customer: 'Acme Corp',
        event: 'updated',
        owner: 'carol@example.com',
        tier: 'enterprise',
        arr: 120000,
        renewalAt: '2027-01-05',
      },
      { customer: 'Globex', event: 'updated', owner: People.advocate, arr: 1100000, tier: 'growth' },
    ]);
    const acme = await flag('!high customer:"Acme Corp" invoices double charged on renewal');
    const toCarol = () => dms(People.advocate2).map((message) => message.text);
    expect(toCarol()).toHaveLength(2);
    expect(toCarol()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^<[^|]+\\|ADV-${acme.id}> \\(high\\) for Acme Corp, an account you own, was flagged by <@${People.agent}>: invoices double charged on renewal$`,
          ),
        ),
        'Acme Corp, an account you own, is now at risk.',
      ]),
    );
    // Renewing in 41 days with a high escalation open is a reason of its own.
    const atRisk = dms(People.advocate2).find((message) => message.text.includes('is now at risk'))!;
    expect(blockText(atRisk.blocks)).toContain('renews in 41 days');
    await t.slack.clickButton(People.advocate, Channels.advocates, acme.cardTs!, 'escalation_claim');
    await settled();
    expect(toCarol().at(-1)).toContain(`was claimed by <@${People.advocate}>`);
    // The owner resolving it themselves hears nothing of it.
    await t.slack.clickButton(People.advocate2, Channels.advocates, acme.cardTs!, 'escalation_resolve');
    await settled();
    expect(toCarol()).toHaveLength(3);
    // Bob owns Globex and flags it himself: no DM to himself.
    await flag('customer:Globex the dashboard is slow', People.advocate);
    expect(dms(People.advocate).filter((message) => message.text.includes('an account you own'))).toEqual([]);
    // Replays and retries tell no one twice.
    t.clock.advance(60_000);
    await t.drainOutbox();
    await t.settle();
    expect(toCarol()).toHaveLength(3);
  });

  it('puts revenue at stake on the theme card, and asks owners to tell their customers when it is resolved', async () => {
    await crm([
      { customer: 'Acme Corp', event: 'updated', renewalAt: '2027-01-05' },
      { customer: 'Initech', event: 'updated', owner: 'erin@example.com', renewalAt: '2027-02-01', tier: 'starter' },
    ]);
    await fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ kind: 'nps', score: 2, customer: 'Initech', respondedAt: '2026-11-20T10:00:00Z' }),
    });
    const a = await flag('!low customer:"Acme Corp" exports are slow for big reports');
    const b = await flag('!low customer:Globex exports time out after a minute');
    const c = await flag('!low customer:Initech exports never finish at all');
    const d = await flag('!low customer:Umbrella exports stall at ninety percent');
    await command(People.advocate, `theme Slow exports ADV-${a.id} ADV-${b.id} ADV-${c.id} ADV-${d.id}`);
    const theme = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const card = () =>
      blockText(
        (t.slack.messagesIn(Channels.advocates) as TSlackMessage[]).find((message) => message.ts === theme.cardTs)
          ?.blocks as TBlock[],
      );
    expect(card()).toContain(
      '*At stake:* ARR $1.2M (+2 without ARR) over 4 customers · 1 enterprise, 1 growth, 1 starter, 1 no tier',
    );
    expect(card()).toContain('*Renewals:* 2 in the next 90 days, the first');
    expect(card()).toContain('*Detractors:* 1 response from these accounts in the last 90 days');

    const themes = await command(People.advocate, 'themes');
    expect(themes).toContain(`THM-${theme.id}`);

    const themeCard = (t.slack.messagesIn(Channels.advocates) as TSlackMessage[]).find((m) => m.ts === theme.cardTs)!;
    await t.slack.clickButton(People.advocate, Channels.advocates, themeCard.ts, 'theme_resolve');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note');
    await t.slack.submitView(People.advocate, modal!.id as string, {
      note: { value: { type: 'plain_text_input', value: 'Exports now stream; big reports finish in seconds.' } },
    });
    await settled();
    // Carol owns Acme, Erin owns Initech; Bob resolved it, so he is not asked about Globex.
    const asked = (userId: string) =>
      dms(userId).filter((message) => message.text.includes('was resolved; it affected'));
    expect(asked(People.advocate)).toEqual([]);
    const toErin = asked(People.agent2);
    expect(toErin).toHaveLength(1);
    expect(blockText(toErin[0]!.blocks)).toContain('Exports now stream; big reports finish in seconds.');
    expect(asked(People.advocate2)).toHaveLength(1);
    expect(card()).toContain('*Customers told:* 0 of 3');

    // Someone who is not Initech's owner (nor an advocate) cannot say Initech was told, even with the button's value.
    const toldValue = (toErin[0]!.blocks ?? [])
      .flatMap((block) => (block as { elements?: { action_id?: string; value?: string }[] }).elements ?? [])
      .find((element) => element.action_id === 'owner_told_customer')?.value;
    expect(toldValue).toBeDefined();
    const forged = await postToApp(
      t.eventsUrl,
      SIGNING_SECRET,
      blockActionsBody({
        user: { id: People.bystander, name: 'dave' },
        channel: { id: dmChannelOf(People.bystander), name: 'directmessage' },
        container: {
          type: 'message',
          message_ts: toErin[0]!.ts,
          channel_id: dmChannelOf(People.bystander),
          is_ephemeral: false,
        },
        actions: [
          {
            type: 'button',
            action_id: 'owner_told_customer',
            block_id: 'b',
            value: toldValue!,
          },
        ],
        responseUrl: t.slack.createResponseUrl({ channelId: dmChannelOf(People.bystander), userId: People.bystander }),
        triggerId: t.slack.issueTrigger(People.bystander),
      }),
      'application/x-www-form-urlencoded',
    );
    expect(forged.status).toBe(200);
    await settled();
    expect(await t.app.db.prisma.timelineEntry.count({ where: { action: 'customer told' } })).toBe(0);
    expect(JSON.stringify(t.slack.ephemeralsFor(People.bystander)) + JSON.stringify(dms(People.bystander))).toContain(
      'account owner (or an advocate) can say the customer was told',
    );

    await t.slack.clickButton(People.agent2, dmChannelOf(People.agent2), toErin[0]!.ts, 'owner_told_customer');
    await settled();
    // The DM now says so in place of the button, so it cannot be pressed twice.
    const after = dms(People.agent2).find((message) => message.ts === toErin[0]!.ts)!;
    expect(blockText(after.blocks)).toContain('You told the customer.');
    expect(JSON.stringify(after.blocks)).not.toContain('owner_told_customer');
    expect(card()).toContain('*Customers told:* 1 of 3');
    const told = await t.app.db.prisma.timelineEntry.findMany({ where: { action: 'customer told' } });
    expect(told).toMatchObject([{ themeId: theme.id, actorId: People.agent2, toValue: 'Initech' }]);
    // A week later the open digest names the accounts still not told: Acme (Carol), not Initech (Erin told them).
    t.clock.advance(8 * 86_400_000);
    t.slack.reset();
    await command(People.advocate, 'digest');
    const digest = (t.slack.messagesIn(Channels.advocates) as TSlackMessage[])
      .map((m) => blockText(m.blocks))
      .join('\n');
    expect(digest).toContain('*Customers not yet told of a fix*');
    expect(digest).toContain(`• *Acme Corp* (<@${People.advocate2}>) · THM-${theme.id} Slow exports`);
    expect(digest).not.toContain('*Initech*');
    expect(told[0]!.customerId).toBe(
      (await t.app.db.prisma.customer.findFirstOrThrow({ where: { name: 'Initech' } })).id,
    );
  });

  it('adds themes by revenue at stake and renewals with open trouble to the weekly report', async () => {
    const a = await flag('!low customer:Globex the search box forgets filters');
    const b = await flag('!low customer:Initech the search box forgets filters too');
    await command(People.advocate, `theme Search forgets filters ADV-${a.id} ADV-${b.id}`);
    t.slack.reset();
    await command(People.advocate, 'digest nps');
    const report = (t.slack.messagesIn(Channels.advocates) as TSlackMessage[])
      .map((m) => blockText(m.blocks))
      .join('\n');
    expect(report).toContain('*Themes by revenue at stake*');
    expect(report).toMatch(/THM-\d+\* Search forgets filters — ARR \$1\.1M \(\+1 without ARR\), 2 customers/);
    expect(report).toContain('*Renewals in the next 90 days with open trouble');
    expect(report).toMatch(
      /\*Initech\* renews in \d+ days .* · owner <@U0AGENT002> · 1 open escalation, 1 detractor response/,
    );
  });
});
