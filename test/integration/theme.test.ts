import { describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, useTestApp } from '../support/app-harness';
import { minutes } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

type TSlackMessage = { text: string; ts: string; blocks?: TBlock[] };

const buttonsOf = (message: TSlackMessage | undefined) =>
  (message?.blocks ?? []).flatMap((block) => [
    ...(block.type === 'actions' ? (block.elements ?? []).map((element) => element.action_id) : []),
    ...(block.accessory?.action_id ? [block.accessory.action_id] : []),
  ]);
const dmChannel = dmChannelOf;

describe.each(testProviders())('themes on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });

  const flag = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };
  const command = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    const reply = t.slack.ephemeralsFor(user).at(-1);
    return { text: reply?.text ?? '', body: blockText(reply?.blocks as TBlock[]) };
  };
  const escalation = (id: number) =>
    t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id }, include: { theme: true } });
  const theme = (id: number) => t.app.db.prisma.theme.findUniqueOrThrow({ where: { id } });
  const latestTheme = () => t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const messageAt = (channel: string, ts: string | null) =>
    (t.slack.messagesIn(channel) as TSlackMessage[]).find((message) => message.ts === ts);
  const cardOf = async (escalationId: number) => {
    const stored = await escalation(escalationId);
    return messageAt(Channels.advocates, stored.cardTs);
  };
  const themeCardOf = async (themeId: number) => messageAt(Channels.advocates, (await theme(themeId)).cardTs);
  const threadOf = async (escalationId: number) => {
    const stored = await escalation(escalationId);
    // The at-risk note a high flag leaves in its own thread is another test's subject (advocate-actions).
    return (t.slack.threadOf(Channels.advocates, stored.cardTs!) as TSlackMessage[])
      .map((message) => message.text)
      .filter((text) => !text.includes('is now at risk'));
  };
  const themeThreadOf = async (themeId: number) =>
    (t.slack.threadOf(Channels.advocates, (await theme(themeId)).cardTs!) as TSlackMessage[]).map((m) => m.text);
  const dmsTo = (userId: string) => (t.slack.messagesIn(dmChannel(userId)) as TSlackMessage[]).map((m) => m.text);
  const count = (texts: string[], needle: string) => texts.filter((text) => text.includes(needle)).length;

  /** Presses "Resolve theme" on the card and submits the note in the modal it opens. */
  const resolveWithNote = async (themeId: number, note: string) => {
    const card = await themeCardOf(themeId);
    await t.slack.clickButton(People.advocate, Channels.advocates, card!.ts, 'theme_resolve');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note');
    expect(modal).toBeDefined();
    const response = await t.slack.submitView(People.advocate, modal!.id as string, {
      note: { value: { type: 'plain_text_input', value: note } },
    });
    await t.settle();
    return response;
  };

  it('opens a theme from the command, owned by its creator, with a card that shows the whole picture', async () => {
    const a = await flag(People.agent, '!high #billing customer:Acme double charged on renewal');
    t.clock.advance(minutes(90));
    const b = await flag(People.agent2, '!critical #billing customer:Globex invoice shows twice');
    const c = await flag(People.agent, '#billing customer:Acme refund missing again');

    const reply = await command(People.advocate, `theme Billing double charges ADV-${a.id} ADV-${b.id} adv-${c.id}`);
    const created = await latestTheme();
    expect(created).toMatchObject({
      title: 'Billing double charges',
      ownerId: People.advocate,
      createdById: People.advocate,
      status: 'open',
      postState: 'posted',
    });
    const ref = `THM-${created.id}`;
    expect(reply.body).toContain(
      `Opened *${ref}* “Billing double charges” with ADV-${a.id}, ADV-${b.id} and ADV-${c.id} (2 customers affected)`,
    );
    expect(reply.body).toMatch(/\|View the theme card>/);

    const card = await themeCardOf(created.id);
    expect(card?.blocks?.[0]?.text?.text).toBe(`${ref} · Billing double charges`);
    const shown = blockText(card?.blocks);
    for (const expected of [
      `*Owner*\n<@${People.advocate}>`,
      '*Customers affected*\n*2*: Acme, Globex',
      '*Escalations*\n3 linked: 3 open, 0 resolved',
      ':red_circle: 1 critical · :large_orange_circle: 1 high · :large_yellow_circle: 1 medium',
      '*First report*\n<!date^',
      '*Latest report*\n<!date^',
      '*Age*\njust now',
      `*ADV-${b.id}* · :red_circle: critical · open · Globex — invoice shows twice`,
    ]) {
      expect(shown).toContain(expected);
    }
    expect(buttonsOf(card)).toEqual(['theme_resolve', 'theme_link_ticket']);

    for (const id of [a.id, b.id, c.id]) {
      expect(blockText((await cardOf(id))?.blocks)).toContain(`*Theme*\n${ref} Billing double charges`);
      expect(await threadOf(id)).toEqual([
        `:link: <@${People.advocate}> linked this to theme *${ref}* “Billing double charges”`,
      ]);
    }
    const { timeline } = { timeline: await t.app.db.prisma.timelineEntry.findMany({ where: { escalationId: a.id } }) };
    expect(timeline.at(-1)).toMatchObject({ action: 'theme linked', toValue: ref, actorId: People.advocate });
  });

  it('links more, moves an escalation between themes and says so, names unknown IDs, and lets only advocates', async () => {
    const a = await flag(People.agent, '#sso customer:Initech login loops forever');
    const b = await flag(People.agent2, '#sso customer:Hooli login loops after reset');
    const c = await flag(People.agent, '#sso customer:Umbrella cannot log in');
    await command(People.advocate, `theme SSO loops ADV-${a.id} ADV-${b.id}`);
    const first = await latestTheme();
    await command(People.advocate2, `theme Login outage ADV-${c.id}`);
    const second = await latestTheme();
    expect(second.ownerId).toBe(People.advocate2);

    const linked = await command(People.advocate2, `theme THM-${second.id} ADV-${b.id} ADV-${c.id}`);
    expect(linked.body).toContain(`Linked ADV-${b.id} to *THM-${second.id}* “Login outage”; it now has 2 escalations`);
    expect(linked.body).toContain(`ADV-${b.id} moved from THM-${first.id} to THM-${second.id}`);
    expect(linked.body).toContain(`ADV-${c.id} was already in THM-${second.id}.`);
    expect((await escalation(b.id)).themeId).toBe(second.id);
    expect(blockText((await cardOf(b.id))?.blocks)).toContain(`*Theme*\nTHM-${second.id} Login outage`);
    expect(await threadOf(b.id)).toContain(
      `:link: <@${People.advocate2}> moved this from THM-${first.id} to theme *THM-${second.id}* “Login outage”`,
    );
    // The theme it left shows one escalation fewer and says where it went.
    expect(blockText((await themeCardOf(first.id))?.blocks)).toContain('*Escalations*\n1 linked: 1 open');
    expect(await themeThreadOf(first.id)).toEqual([
      `:twisted_rightwards_arrows: <@${People.advocate2}> moved ADV-${b.id} to *THM-${second.id}* “Login outage”`,
    ]);
    expect(blockText((await themeCardOf(second.id))?.blocks)).toContain('*Customers affected*\n*2*: Hooli, Umbrella');
    const shown = await command(People.advocate, `show ADV-${b.id}`);
    expect(shown.body).toMatch(new RegExp(`\\*theme moved\\* THM-${first.id} → THM-${second.id} via command`));

    const unknown = await command(People.advocate, `theme THM-${first.id} ADV-${c.id} ADV-99998 ADV-99999`);
    expect(unknown.text).toBe('There is no ADV-99998 and ADV-99999; nothing was linked.');
    const noTheme = await command(People.advocate, `theme THM-9999 ADV-${c.id}`);
    expect(noTheme.text).toBe('There is no THM-9999; nothing was linked.');
    expect((await escalation(c.id)).themeId).toBe(second.id);

    const themesBefore = await t.app.db.prisma.theme.count();
    for (const outsider of [People.bystander, People.agent]) {
      const refused = await command(outsider, `theme Not mine ADV-${a.id}`);
      expect(refused.text).toMatch(/^Only advocates \(members of <!subteam\^S0ADVOCATE>\) can open themes; nothing/);
      const refusedLink = await command(outsider, `theme THM-${second.id} ADV-${a.id}`);
      expect(refusedLink.text).toMatch(/can link escalations to themes; nothing was changed/);
    }
    expect(await t.app.db.prisma.theme.count()).toBe(themesBefore);
    expect((await escalation(a.id)).themeId).toBe(first.id);
  });

  it('updates the theme card in place whenever a linked escalation changes', async () => {
    const a = await flag(People.agent, '!low #export customer:Wayne export times out');
    await command(People.advocate, `theme Slow exports ADV-${a.id}`);
    const created = await latestTheme();
    const before = (await themeCardOf(created.id))!;
    expect(blockText(before.blocks)).toContain(':large_green_circle: 1 low');

    await t.slack.clickButton(People.advocate2, Channels.advocates, (await cardOf(a.id))!.ts, 'escalation_claim');
    await t.settle();
    await t.slack.addReaction(People.advocate2, Channels.advocates, (await cardOf(a.id))!.ts, 'arrow_double_up');
    await t.settle();
    const after = (await themeCardOf(created.id))!;
    expect(after.ts).toBe(before.ts);
    expect(t.slack.messagesIn(Channels.advocates).filter((m) => (m.text as string).startsWith('THM-'))).toHaveLength(1);
    const shown = blockText(after.blocks);
    expect(shown).toContain(':large_yellow_circle: 1 medium');
    expect(shown).toContain(`claimed by <@${People.advocate2}>`);
  });

  it('resolves a theme: the note in every thread, one message per agent, escalations resolved, cards updated', async () => {
    const a = await flag(People.agent, '!high #invoices customer:Soylent PDF invoice blank');
    const b = await flag(People.agent, '#invoices customer:Tyrell invoice PDF empty');
    const c = await flag(People.agent2, '#invoices customer:Cyberdyne invoice PDF has no lines');
    await t.slack.clickButton(People.advocate, Channels.advocates, (await cardOf(c.id))!.ts, 'escalation_resolve');
    await t.settle();
    await command(People.advocate, `theme Blank PDF invoices ADV-${a.id} ADV-${b.id} ADV-${c.id}`);
    const created = await latestTheme();
    const ref = `THM-${created.id}`;
    const agentDmsBefore = dmsTo(People.agent).length;

    // Only advocates may resolve: the bystander reads the channel but gets no modal.
    await t.slack.clickButton(
      People.bystander,
      Channels.advocates,
      (await themeCardOf(created.id))!.ts,
      'theme_resolve',
    );
    await t.settle();
    expect(t.slack.openViews()).toHaveLength(0);
    expect(t.slack.ephemeralsFor(People.bystander).at(-1)?.text).toMatch(/^Only advocates .* can resolve themes/);

    const card = await themeCardOf(created.id);
    await t.slack.clickButton(People.advocate, Channels.advocates, card!.ts, 'theme_resolve');
    await t.settle();
    const [modal] = t.slack.openViews();
    expect(modal?.callback_id).toBe('theme_resolve_note');
    expect(blockText(modal?.blocks as TBlock[])).toContain(
      'Your note goes to 3 escalation threads and to the 2 agents who flagged them; the 2 escalations still open will be resolved.',
    );
    const empty = await t.slack.submitView(People.advocate, modal!.id as string, {
      note: { value: { type: 'plain_text_input', value: '   ' } },
    });
    expect(empty?.json).toEqual({ response_action: 'errors', errors: { note: 'Write what was fixed.' } });
    expect((await theme(created.id)).status).toBe('open');

    await t.slack.submitView(People.advocate, modal!.id as string, {
      note: { value: { type: 'plain_text_input', value: 'The PDF renderer is fixed.\nEvery invoice was re-sent.' } },
    });
    await t.settle();

    expect(await theme(created.id)).toMatchObject({
      status: 'resolved',
      resolvedById: People.advocate,
      resolutionNote: 'The PDF renderer is fixed.\nEvery invoice was re-sent.',
    });
    for (const id of [a.id, b.id, c.id]) {
      const thread = await threadOf(id);
      expect(count(thread, '> The PDF renderer is fixed.\n> Every invoice was re-sent.')).toBe(1);
      expect((await escalation(id)).status).toBe('resolved');
      const cardText = blockText((await cardOf(id))?.blocks);
      expect(cardText).toContain('*Status*\nresolved');
      expect(buttonsOf(await cardOf(id))).toContain('escalation_reopen');
    }
    expect(await threadOf(a.id)).toContain(
      `:white_check_mark: <@${People.advocate}> resolved this with theme *${ref}* “Blank PDF invoices”:\n> The PDF renderer is fixed.\n> Every invoice was re-sent.`,
    );
    const entry = await t.app.db.prisma.timelineEntry.findFirstOrThrow({
      where: { escalationId: a.id, action: 'resolved' },
    });
    expect(entry).toMatchObject({ themeId: created.id, via: 'modal', detail: `with theme ${ref}` });

    // One message per agent, listing their escalations; no per-escalation "was resolved" message on top.
    const agentDms = dmsTo(People.agent).slice(agentDmsBefore);
    expect(agentDms).toHaveLength(1);
    expect(agentDms[0]).toContain(`Theme *${ref}* “Blank PDF invoices” was resolved by <@${People.advocate}>`);
    expect(agentDms[0]).toContain(`ADV-${a.id}* “PDF invoice blank” is now resolved`);
    expect(agentDms[0]).toContain(`ADV-${b.id}* “invoice PDF empty” is now resolved`);
    expect(count(dmsTo(People.agent2), ref)).toBe(1);
    expect(dmsTo(People.agent2).find((text) => text.includes(ref))).toContain(
      `ADV-${c.id}* “invoice PDF has no lines” (already resolved)`,
    );

    const resolvedCard = await themeCardOf(created.id);
    expect(buttonsOf(resolvedCard)).toEqual([]);
    expect(blockText(resolvedCard?.blocks)).toContain('*Escalations*\n3 linked: 0 open, 3 resolved');
    expect(blockText(resolvedCard?.blocks)).toContain('> The PDF renderer is fixed.');
    expect(await themeThreadOf(created.id)).toEqual([
      `:white_check_mark: <@${People.advocate}> resolved this theme. The note went to 3 escalation threads and 2 agents.`,
    ]);
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toBe(
      `:white_check_mark: Resolved ${ref} “Blank PDF invoices”. Your note is going to 3 escalation threads and 2 agents. ADV-${a.id} and ADV-${b.id} are now resolved.`,
    );
  });

  /** Three escalations from two agents in one theme, ready to resolve. */
  const themeOfThree = async (tag: string) => {
    const a = await flag(People.agent, `#${tag} customer:Acme webhooks arrive twice`);
    const b = await flag(People.agent2, `#${tag} customer:Globex webhooks arrive late`);
    const c = await flag(People.agent, `#${tag} customer:Initech webhooks missing`);
    await command(People.advocate, `theme Webhook delivery ADV-${a.id} ADV-${b.id} ADV-${c.id}`);
    return { ids: [a.id, b.id, c.id], themeId: (await latestTheme()).id };
  };
  const expectEveryoneToldOnce = async (ids: number[], themeId: number, note: string) => {
    for (const id of ids) expect(count(await threadOf(id), note)).toBe(1);
    expect(count(dmsTo(People.agent), `THM-${themeId}`)).toBe(1);
    expect(count(dmsTo(People.agent2), `THM-${themeId}`)).toBe(1);
    expect(count(await themeThreadOf(themeId), 'resolved this theme')).toBe(1);
  };

  it('finishes a broadcast that Slack broke half-way on the next retry, telling nobody twice', async () => {
    const { ids, themeId } = await themeOfThree('webhooks');
    // Slack refuses two messages of the broadcast (an error answer: the others go on at once): the 3rd thread note
    // and the 2nd agent's message.
    const thirdCard = (await escalation(ids[2]!)).cardTs;
    t.slack.failNext('chat.postMessage', { error: 'internal_error' }, 1, (params) => params.thread_ts === thirdCard);
    t.slack.failNext('chat.postMessage', { error: 'internal_error' }, 1, (params) => params.channel === People.agent2);
    await resolveWithNote(themeId, 'Webhook retries are fixed.');
    expect(count(await threadOf(ids[0]!), 'Webhook retries are fixed.')).toBe(1);
    expect(count(await threadOf(ids[1]!), 'Webhook retries are fixed.')).toBe(1);
    expect(count(await threadOf(ids[2]!), 'Webhook retries are fixed.')).toBe(0);
    expect(count(dmsTo(People.agent), `THM-${themeId}`)).toBe(1);
    expect(count(dmsTo(People.agent2), `THM-${themeId}`)).toBe(0);
    const pending = { status: 'pending', dedupeKey: { startsWith: `theme:${themeId}:` } };
    expect(await t.app.db.prisma.outboxMessage.count({ where: pending })).toBe(2);

    t.clock.advance(minutes(1));
    await t.drainOutbox();
    await expectEveryoneToldOnce(ids, themeId, 'Webhook retries are fixed.');
    t.clock.advance(minutes(30));
    await t.drainOutbox();
    await expectEveryoneToldOnce(ids, themeId, 'Webhook retries are fixed.');
    expect(await t.app.db.prisma.outboxMessage.count({ where: pending })).toBe(0);
  });

  it('pressing Resolve again on a resolved theme finishes what is unsent and says it is already resolved', async () => {
    const { ids, themeId } = await themeOfThree('webhooks-two');
    // The 2nd thread note fails, and so does the theme card's update: the card still shows its button.
    const secondCard = (await escalation(ids[1]!)).cardTs;
    const themeCard = (await theme(themeId)).cardTs;
    t.slack.failNext('chat.postMessage', { error: 'internal_error' }, 1, (params) => params.thread_ts === secondCard);
    t.slack.failNext('chat.update', { error: 'internal_error' }, 1, (params) => params.ts === themeCard);
    await resolveWithNote(themeId, 'Deduplication shipped.');
    expect(count(await threadOf(ids[1]!), 'Deduplication shipped.')).toBe(0);
    const stale = await themeCardOf(themeId);
    expect(buttonsOf(stale)).toEqual(['theme_resolve', 'theme_link_ticket']);

    await t.slack.clickButton(People.advocate2, Channels.advocates, stale!.ts, 'theme_resolve');
    await t.settle();
    expect(t.slack.openViews()).toHaveLength(0);
    expect(t.slack.ephemeralsFor(People.advocate2).at(-1)?.text).toBe(
      `THM-${themeId} “Webhook delivery” is already resolved by <@${People.advocate}>. 2 messages that had not gone out yet were sent now; nobody was told twice.`,
    );
    await expectEveryoneToldOnce(ids, themeId, 'Deduplication shipped.');
    expect(buttonsOf(await themeCardOf(themeId))).toEqual([]);

    t.clock.advance(minutes(30));
    await t.drainOutbox();
    await expectEveryoneToldOnce(ids, themeId, 'Deduplication shipped.');
    await t.slack.clickButton(People.advocate2, Channels.advocates, stale!.ts, 'theme_resolve').catch(() => null);
    await t.settle();
    expect(await theme(themeId)).toMatchObject({ resolutionNote: 'Deduplication shipped.' });
  });

  /** Runs `/advocate digest …` and returns the digest messages it posted in the advocate channel. */
  const digest = async (which: 'open' | 'nps') => {
    // A digest run by hand is one delivery per moment; a minute on, it is a new one.
    t.clock.advance(minutes(1));
    const before = t.slack.messagesIn(Channels.advocates).length;
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, which === 'open' ? 'digest' : 'digest nps');
    await t.settle();
    return (t.slack.messagesIn(Channels.advocates) as TSlackMessage[]).slice(before);
  };
  const withSuggestion = (messages: TSlackMessage[]) =>
    messages.find((message) => buttonsOf(message).includes('theme_create_suggested'));

  it('proposes a theme in the open digest when three customers share a #tag, and its button creates it', async () => {
    const a = await flag(People.agent, '#rate-limits customer:Acme API returns 429');
    const b = await flag(People.agent2, '#rate-limits customer:Globex API throttled');
    const b2 = await flag(People.agent, '#rate-limits customer:Acme still throttled');
    expect(withSuggestion(await digest('open'))).toBeUndefined();
    const c = await flag(People.agent2, '#rate-limits customer:Initech API 429 on bulk import');

    const posted = withSuggestion(await digest('open'));
    expect(blockText(posted?.blocks)).toContain(
      `*\`#rate-limits\`* · 3 customers (Acme, Globex, Initech) · 4 open escalations: ADV-${a.id}, ADV-${b.id}, ADV-${b2.id}, ADV-${c.id}`,
    );

    await t.slack.clickButton(People.bystander, Channels.advocates, posted!.ts, 'theme_create_suggested');
    await t.settle();
    expect(t.slack.ephemeralsFor(People.bystander).at(-1)?.text).toMatch(/^Only advocates/);

    await t.slack.clickButton(People.advocate, Channels.advocates, posted!.ts, 'theme_create_suggested');
    await t.settle();
    const created = await latestTheme();
    expect(created).toMatchObject({ title: '#rate-limits: 3 customers', ownerId: People.advocate });
    const linked = await t.app.db.prisma.escalation.findMany({
      where: { themeId: created.id },
      orderBy: { id: 'asc' },
    });
    expect(linked.map((row) => row.id)).toEqual([a.id, b.id, b2.id, c.id]);
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toContain(
      `Opened THM-${created.id} “#rate-limits: 3 customers”`,
    );
    expect(blockText((await themeCardOf(created.id))?.blocks)).toContain('*Customers affected*\n*3*');
    expect(withSuggestion(await digest('open'))).toBeUndefined();

    // A second press on the old digest opens nothing new.
    await t.slack.clickButton(People.advocate2, Channels.advocates, posted!.ts, 'theme_create_suggested');
    await t.settle();
    expect(t.slack.ephemeralsFor(People.advocate2).at(-1)?.text).toContain('already in a theme');
    expect((await latestTheme()).id).toBe(created.id);
  });

  it('lists the open themes in the weekly report, most customers affected first', async () => {
    const a = await flag(People.agent, '#mobile customer:Acme app crashes on launch');
    const b = await flag(People.agent, '#mobile customer:Globex app crashes on login');
    const c = await flag(People.agent2, '#mobile customer:Initech push missing');
    await command(People.advocate, `theme App crashes ADV-${a.id} ADV-${b.id}`);
    const crashes = await latestTheme();
    await command(People.advocate, `theme Push notifications ADV-${c.id}`);
    const push = await latestTheme();
    const report = blockText((await digest('nps')).flatMap((message) => message.blocks ?? []));
    expect(report).toContain('*Open themes* by customers affected');
    const crashesAt = report.indexOf(`*THM-${crashes.id}* App crashes · 2 customers · 2 escalations (2 open)`);
    const pushAt = report.indexOf(`*THM-${push.id}* Push notifications · 1 customer · 1 escalation (1 open)`);
    expect(crashesAt).toBeGreaterThan(-1);
    expect(pushAt).toBeGreaterThan(crashesAt);
    expect(report).not.toContain('Blank PDF invoices');
  });
});
