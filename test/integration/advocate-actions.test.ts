import { reactionAddedEvent, reactionRemovedEvent } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

type TMessage = { text: string; ts: string; blocks?: TBlock[] };

describe.each(testProviders())('advocates acting on escalations on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });

  /** Flags through /advocate and returns the escalation with its card's ts. */
  async function flag(text = '!medium #billing customer:"Acme Corp" refunds never arrive') {
    await t.slack.runSlashCommand(People.agent, Channels.support, text);
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    return { id: escalation.id, ts: escalation.cardTs! };
  }
  const card = (ts: string) => t.slack.messagesIn(Channels.advocates).find((message) => message.ts === ts) as TMessage;
  /** The card's thread as advocates follow its lifecycle; the at-risk note is asserted on its own. */
  const thread = (ts: string) =>
    (t.slack.threadOf(Channels.advocates, ts) as TMessage[])
      .map((message) => message.text)
      .filter((text) => !text.includes('is now at risk'));
  const atRiskNotes = (ts: string) =>
    (t.slack.threadOf(Channels.advocates, ts) as TMessage[]).filter((message) =>
      message.text.includes('is now at risk'),
    );
  const stored = (id: number) => t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } });
  const timeline = (id: number) =>
    t.app.db.prisma.timelineEntry
      .findMany({ where: { escalationId: id }, orderBy: { id: 'asc' } })
      .then((rows) =>
        rows.map((row) => `${row.action} ${row.fromValue ?? ''}→${row.toValue ?? ''} by ${row.actorId} via ${row.via}`),
      );
  const reporterDms = () =>
    (t.slack.messagesIn(dmChannelOf(People.agent)) as TMessage[]).map((message) => message.text);
  const lastEphemeralText = (user: string) => t.slack.ephemeralsFor(user).at(-1)?.text ?? '';

  it('claims, resolves and reopens by reaction: card in place, thread line, timeline, reporter told', async () => {
    const { id, ts } = await flag();
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'eyes');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'claimed', ownerId: People.advocate });
    expect(blockText(card(ts).blocks)).toContain(`claimed by <@${People.advocate}>`);
    expect(t.slack.callsTo('chat.update')).toHaveLength(1);
    expect(thread(ts)).toEqual([`:eyes: <@${People.advocate}> claimed this (now claimed) _(reaction)_`]);
    expect(reporterDms()).toEqual([
      expect.stringContaining(`ADV-${id}* “refunds never arrive” was claimed by <@${People.advocate}>`),
    ]);

    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'white_check_mark');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'resolved' });
    expect(blockText(card(ts).blocks)).toContain('*Status*\nresolved');
    expect(
      card(ts)
        .blocks?.find((block) => block.type === 'actions')
        ?.elements?.map((element) => element.action_id),
    ).toEqual(['escalation_reopen', 'customer_profile']);
    expect(reporterDms()[1]).toContain(`was resolved by <@${People.advocate}>`);

    await t.slack.removeReaction(People.advocate, Channels.advocates, ts, 'white_check_mark');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'claimed', resolvedAt: null });
    expect(thread(ts)).toHaveLength(3);
    // The reporter hears of the reopen too, as of the claim and the resolve.
    expect(reporterDms()).toHaveLength(3);
    expect(reporterDms()[2]).toContain(`ADV-${id}* “refunds never arrive” was reopened by <@${People.advocate}>`);
    expect(await timeline(id)).toEqual([
      `flagged →open by ${People.agent} via command`,
      `claimed open→claimed by ${People.advocate} via reaction`,
      `resolved claimed→resolved by ${People.advocate} via reaction`,
      `reopened resolved→claimed by ${People.advocate} via reaction`,
    ]);
  });

  it('offers the reactions as buttons on the card: Claim, Resolve, Raise (until critical)', async () => {
    const { id, ts } = await flag('!low #sso customer:Initech login loops forever');
    const buttons = () =>
      card(ts)
        .blocks?.find((block) => block.type === 'actions')
        ?.elements?.map((element) => element.action_id);
    expect(buttons()).toEqual([
      'escalation_claim',
      'escalation_resolve',
      'escalation_raise',
      'customer_profile',
      'escalation_wait',
    ]);
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_raise');
    await t.settle();
    expect((await stored(id)).severity).toBe('medium');
    expect(thread(ts)).toEqual([`:arrow_double_up: <@${People.advocate}> raised the severity low → medium _(button)_`]);
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_raise');
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_raise');
    await t.settle();
    expect((await stored(id)).severity).toBe('critical');
    expect(buttons()).toEqual(['escalation_claim', 'escalation_resolve', 'customer_profile', 'escalation_wait']);
  });

  it('raises the severity one step per reaction and says so when it is already critical', async () => {
    const { id, ts } = await flag('!high #sso customer:Initech login loops forever');
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'arrow_double_up');
    await t.settle();
    expect((await stored(id)).severity).toBe('critical');
    expect(blockText(card(ts).blocks)).toContain('critical');
    await t.slack.removeReaction(People.advocate, Channels.advocates, ts, 'arrow_double_up');
    await t.slack.addReaction(People.advocate2, Channels.advocates, ts, 'arrow_double_up');
    await t.settle();
    expect((await stored(id)).severity).toBe('critical');
    expect(lastEphemeralText(People.advocate2)).toBe(
      `ADV-${id} is already critical, the highest severity; it stays critical.`,
    );
    expect(thread(ts)).toHaveLength(1);
  });

  it('reassigns when another advocate claims, naming both', async () => {
    const { id, ts } = await flag();
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_claim');
    await t.settle();
    await t.slack.clickButton(People.advocate2, Channels.advocates, ts, 'escalation_claim');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'claimed', ownerId: People.advocate2 });
    expect(thread(ts)[1]).toBe(`:eyes: <@${People.advocate2}> took this over from <@${People.advocate}> _(button)_`);
    expect((await timeline(id))[2]).toBe(
      `reassigned ${People.advocate}→${People.advocate2} by ${People.advocate2} via button`,
    );
    // People read as mentions (Slack shows their names), each said once.
    await t.slack.runSlashCommand(People.agent, Channels.support, `show ADV-${id}`);
    await t.settle();
    const shown = blockText(t.slack.ephemeralsFor(People.agent).at(-1)?.blocks as TBlock[]);
    expect(shown).toContain(
      `<@${People.advocate2}> · *reassigned* <@${People.advocate}> → <@${People.advocate2}> via button`,
    );
    expect(shown).not.toContain(`reassigned ${People.advocate}`);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'list');
    await t.settle();
    const listed = blockText(t.slack.ephemeralsFor(People.advocate).at(-1)?.blocks as TBlock[]);
    expect(listed).toContain(`claimed by <@${People.advocate2}> · Acme Corp`);
    expect(listed).not.toContain(`<@${People.advocate2}> · <@${People.advocate2}>`);
  });

  it('resolves and reopens by button, and refuses illegal moves privately without changing anything', async () => {
    const { id, ts } = await flag();
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_resolve');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'resolved', ownerId: People.advocate });
    const resolvedCard = card(ts).blocks;

    await t.slack.addReaction(People.advocate2, Channels.advocates, ts, 'white_check_mark');
    await t.settle();
    expect(lastEphemeralText(People.advocate2)).toBe(`ADV-${id} is already resolved.`);
    await t.slack.addReaction(People.advocate2, Channels.advocates, ts, 'eyes');
    await t.settle();
    expect(lastEphemeralText(People.advocate2)).toBe(`ADV-${id} is resolved; reopen it before claiming it.`);
    expect(card(ts).blocks).toEqual(resolvedCard);

    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_reopen');
    await t.settle();
    expect(await stored(id)).toMatchObject({ status: 'claimed' });
    await t.slack.removeReaction(People.advocate2, Channels.advocates, ts, 'white_check_mark');
    await t.settle();
    expect(lastEphemeralText(People.advocate2)).toBe(`ADV-${id} is claimed, not resolved; there is nothing to reopen.`);
    expect((await timeline(id)).map((line) => line.split(' ')[0])).toEqual(['flagged', 'resolved', 'reopened']);
  });

  it('lets only advocates act: anyone else is told why and nothing changes', async () => {
    const { id, ts } = await flag();
    await t.slack.addReaction(People.bystander, Channels.advocates, ts, 'eyes');
    await t.settle();
    expect(lastEphemeralText(People.bystander)).toBe(
      `Only advocates (members of <!subteam^${ADVOCATE_USERGROUP}>) can act on escalations; your :eyes: changed nothing. To become an advocate, ask a workspace admin to add you to <!subteam^${ADVOCATE_USERGROUP}>.`,
    );
    await t.slack.clickButton(People.bystander, Channels.advocates, ts, 'escalation_resolve');
    await t.settle();
    expect(lastEphemeralText(People.bystander)).toMatch(
      /^Only advocates .* nothing was changed\. To become an advocate, /,
    );
    expect(await stored(id)).toMatchObject({ status: 'open', ownerId: null, version: 0 });
    expect(thread(ts)).toEqual([]);
  });

  it('ignores reactions on messages that are not cards, and on files, silently', async () => {
    const { id } = await flag();
    const chatter = t.slack.ws.post({ channel: Channels.advocates, user: People.advocate2, text: 'lunch?' });
    await t.slack.addReaction(People.advocate, Channels.advocates, chatter.ts, 'white_check_mark');
    await t.sendEvent(reactionAddedEvent({ user: People.advocate, reaction: 'eyes', file: 'F0FILE0001' }));
    await t.settle();
    expect(t.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
    expect(t.slack.callsTo('chat.update')).toHaveLength(0);
    expect((await stored(id)).status).toBe('open');
  });

  it('applies a retried event once, with one thread line', async () => {
    const { id, ts } = await flag();
    const event = reactionAddedEvent({
      user: People.advocate,
      reaction: 'arrow_double_up',
      channel: Channels.advocates,
      ts,
    });
    const first = await t.sendEvent(event);
    const retry = await t.sendEvent(event, { eventId: first.eventId, retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await t.settle();
    await t.sendEvent(event, { eventId: first.eventId, retryNum: 2 });
    await t.settle();
    expect((await stored(id)).severity).toBe('high');
    expect(thread(ts)).toHaveLength(1);
    // Acme Corp is now at risk only because of this escalation: said once in its thread, not again in the channel.
    expect(atRiskNotes(ts).map((message) => message.text)).toEqual([
      expect.stringContaining('*Acme Corp* is now at risk: this is its open high/critical escalation'),
    ]);
    const channelPosts = t.slack.messagesIn(Channels.advocates) as TMessage[];
    expect(channelPosts.filter((message) => message.text.includes('at risk'))).toEqual([]);
    expect(await t.app.db.prisma.seenEvent.count({ where: { eventId: first.eventId } })).toBe(1);
  });

  it('leaves a consistent state when two advocates claim at the same moment', async () => {
    const { id, ts } = await flag();
    const [a, b] = await Promise.all([
      t.sendEvent(reactionAddedEvent({ user: People.advocate, reaction: 'eyes', channel: Channels.advocates, ts })),
      t.sendEvent(reactionAddedEvent({ user: People.advocate2, reaction: 'eyes', channel: Channels.advocates, ts })),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await t.settle();
    const escalation = await stored(id);
    const changes = await timeline(id);
    expect(changes).toHaveLength(3);
    expect(changes[1]).toMatch(/^claimed open→claimed/);
    expect(changes[2]).toMatch(/^reassigned /);
    expect(changes[2]).toContain(`→${escalation.ownerId} `);
    expect(escalation).toMatchObject({ status: 'claimed', version: 2 });
    expect(thread(ts)).toHaveLength(2);
    expect(blockText(card(ts).blocks)).toContain(`claimed by <@${escalation.ownerId}>`);
  });

  it('publishes an App Home with my escalations, the queue and this week, whose buttons act like the card', async () => {
    const critical = await flag('!critical #outage customer:Umbrella nothing loads at all');
    const mine = await flag('!low #docs customer:Hooli typo in the invoice');
    await t.slack.clickButton(People.advocate, Channels.advocates, mine.ts, 'escalation_claim');
    await t.settle();
    await t.slack.openHome(People.advocate);
    await t.settle();
    const home = t.slack.homeOf(People.advocate) as { blocks: TBlock[] };
    const text = blockText(home.blocks);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/\*\d+\* flagged, \*\d+\* claimed, \*\d+\* resolved this week/);
    expect(text).toContain('Median time to claim');
    const mineBefore = await t.app.db.prisma.escalation.count({
      where: { ownerId: People.advocate, status: 'claimed' },
    });
    const yoursAt = text.indexOf(`Yours (${mineBefore})`);
    const queueAt = text.indexOf('Unclaimed queue');
    expect(yoursAt).toBeGreaterThan(-1);
    expect(text.indexOf(`ADV-${mine.id}*`)).toBeGreaterThan(yoursAt);
    expect(text.indexOf(`ADV-${mine.id}*`)).toBeLessThan(queueAt);
    expect(text.indexOf(`ADV-${critical.id}*`)).toBeGreaterThan(queueAt);

    await t.slack.clickHomeButton(People.advocate, 'escalation_claim', `home_${critical.id}`);
    await t.settle();
    expect(await stored(critical.id)).toMatchObject({ status: 'claimed', ownerId: People.advocate });
    expect(thread(critical.ts)).toEqual([`:eyes: <@${People.advocate}> claimed this (now claimed) _(home)_`]);
    const after = (t.slack.homeOf(People.advocate) as { blocks: TBlock[] }).blocks;
    expect(blockText(after)).toContain(`Yours (${mineBefore + 1})`);
    // Their own escalations offer Resolve and Raise, never "Take over".
    const row = after.find((block) => block.block_id === `home_${mine.id}`);
    expect(row?.elements?.map((element) => element.action_id)).toEqual([
      'escalation_resolve',
      'escalation_raise',
      'customer_profile',
    ]);
    const queued = after.find((block) => block.block_id === `home_${critical.id}`);
    expect(queued?.elements?.map((element) => element.action_id)).toEqual(['escalation_resolve', 'customer_profile']);
  });

  it("shows an agent's App Home with the escalations they flagged and their status, without buttons", async () => {
    const first = await flag('!high #sso customer:Initech single sign-on broken');
    const second = await flag('!low #docs customer:Hooli wrong link in the docs');
    await t.slack.addReaction(People.advocate, Channels.advocates, second.ts, 'eyes');
    await t.settle();
    await t.slack.openHome(People.agent);
    await t.settle();
    const home = (t.slack.homeOf(People.agent) as { blocks: TBlock[] }).blocks;
    const text = blockText(home);
    expect(text).toMatch(/Escalations you flagged \(\d+\)/);
    expect(text).toContain(`*ADV-${first.id}* :large_orange_circle: high · *open*`);
    expect(text).toContain(`*ADV-${second.id}* :large_green_circle: low · *claimed by <@${People.advocate}>*`);
    expect(text).not.toContain('Unclaimed queue');
    expect(home.filter((block) => block.type === 'actions')).toEqual([]);
  });

  it('answers the verbs people guess (close, claim, raise, reopen, assign ADV-n) and never flags them', async () => {
    const { id, ts } = await flag();
    const before = await t.escalationCount();
    const command = async (user: string, text: string) => {
      await t.slack.runSlashCommand(user, Channels.support, text);
      await t.settle();
      return lastEphemeralText(user);
    };
    // Someone who is not an advocate hears what to do instead; nothing changes.
    expect(await command(People.agent, `close ADV-${id}`)).toMatch(
      new RegExp(
        `^Only advocates .* can resolve escalations, so nothing was changed\\. To get \\*ADV-${id}\\* resolved, ask in <#${Channels.advocates}>; advocates react :white_check_mark: on its card`,
      ),
    );
    expect(await stored(id)).toMatchObject({ status: 'open', version: 0 });
    // An advocate's verb is the button's change, via the command.
    expect(await command(People.advocate, `take ADV-${id}`)).toContain(`*ADV-${id}* is yours now`);
    expect(await command(People.advocate, `raise ADV-${id}`)).toContain(`*ADV-${id}* is raised to high`);
    expect(await command(People.advocate, `resolve ADV-${id} refund sent by hand`)).toContain(
      `*ADV-${id}* is resolved`,
    );
    expect(await command(People.advocate, `close ADV-${id}`)).toContain(`ADV-${id} is already resolved.`);
    expect(await command(People.advocate, `reopen adv-${id}`)).toContain(`*ADV-${id}* is reopened`);
    expect(await command(People.advocate, `assign ADV-${id} <@${People.advocate2}|bob>`)).toMatch(
      new RegExp(
        `^Advocate has no \`assign\`: .*To give \\*ADV-${id}\\* to <@${People.advocate2}>, ask them to react :eyes:`,
      ),
    );
    expect(await command(People.advocate, 'close ADV-99999')).toBe('There is no ADV-99999.');
    expect(await timeline(id)).toEqual([
      `flagged →open by ${People.agent} via command`,
      `claimed open→claimed by ${People.advocate} via command`,
      `severity raised medium→high by ${People.advocate} via command`,
      `resolved claimed→resolved by ${People.advocate} via command`,
      `reopened resolved→claimed by ${People.advocate} via command`,
    ]);
    expect(thread(ts)).toHaveLength(4);
    expect(await t.escalationCount()).toBe(before);
  });

  it('prints the timeline with each change in /advocate show', async () => {
    const { id, ts } = await flag();
    await t.slack.addReaction(People.advocate, Channels.advocates, ts, 'eyes');
    await t.settle();
    await t.slack.clickButton(People.advocate, Channels.advocates, ts, 'escalation_resolve');
    await t.settle();
    await t.slack.runSlashCommand(People.agent, Channels.support, `show ADV-${id}`);
    await t.settle();
    const shown = blockText(t.slack.ephemeralsFor(People.agent).at(-1)?.blocks as TBlock[]);
    expect(shown).toMatch(/\*flagged\* ∅ → open via command/);
    expect(shown).toMatch(new RegExp(`<@${People.advocate}> · \\*claimed\\* open → claimed via reaction`));
    expect(shown).toMatch(new RegExp(`<@${People.advocate}> · \\*resolved\\* claimed → resolved via button`));
  });
});

describe.each(testProviders())('advocates are the advocate channel members without a user group, on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider);
  });
  afterAll(async () => t.stop());

  it('accepts a channel member and refuses a non-member', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'exports are empty for everyone');
    await t.settle();
    const { id, cardTs } = await t.app.db.prisma.escalation.findFirstOrThrow();
    await t.sendEvent(
      reactionAddedEvent({ user: People.agent2, reaction: 'eyes', channel: Channels.advocates, ts: cardTs! }),
    );
    await t.settle();
    expect((t.slack.messagesIn(dmChannelOf(People.agent2)) as TMessage[]).at(-1)?.text).toBe(
      `Only advocates (members of <#${Channels.advocates}>) can act on escalations; your :eyes: changed nothing. To become an advocate, join <#${Channels.advocates}>.`,
    );
    await t.sendEvent(
      reactionAddedEvent({ user: People.bystander, reaction: 'eyes', channel: Channels.advocates, ts: cardTs! }),
    );
    await t.settle();
    expect(await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'claimed',
      ownerId: People.bystander,
    });
    await t.sendEvent(
      reactionRemovedEvent({ user: People.bystander, reaction: 'eyes', channel: Channels.advocates, ts: cardTs! }),
    );
    await t.settle();
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } })).status).toBe('claimed');
  });
});
