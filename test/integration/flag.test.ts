import { postToApp, signSlackRequest, slashCommandBody } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET, type TTestApp, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

const cardsIn = (t: TTestApp) =>
  t.slack.messagesIn(Channels.advocates) as { text: string; ts: string; blocks: TBlock[] }[];
const lastEphemeral = (t: TTestApp, user: string) => t.slack.ephemeralsFor(user).at(-1);
describe.each(testProviders())('flagging on %s', (provider) => {
  const t = useTestApp(provider);

  it('stores the escalation, posts its card and confirms privately with a link to it', async () => {
    const response = await t.slack.runSlashCommand(
      People.agent,
      Channels.support,
      '!high #billing customer:"Acme Corp" double charged on renewal',
    );
    expect(response?.status).toBe(200);
    await t.settle();

    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({
      orderBy: { id: 'desc' },
      include: { tags: true, customer: true },
    });
    expect(stored).toMatchObject({
      summary: 'double charged on renewal',
      severity: 'high',
      status: 'open',
      reporterId: People.agent,
      sourceChannelId: Channels.support,
      postState: 'posted',
    });
    expect(stored.tags.map((tag) => tag.tag)).toEqual(['billing']);
    expect(stored.customer?.name).toBe('Acme Corp');

    const [card] = cardsIn(t);
    expect(card?.ts).toBe(stored.cardTs);
    expect(card?.blocks[0]?.text?.text).toBe(`ADV-${stored.id} · double charged on renewal`);
    // A one-line summary is the header; it is not repeated in a section below.
    expect(card?.blocks[1]?.fields).toBeDefined();
    const text = blockText(card?.blocks);
    for (const expected of [
      'Acme Corp',
      'high',
      'open',
      `<@${People.agent}>`,
      '`#billing`',
      `<#${Channels.support}>`,
    ]) {
      expect(text).toContain(expected);
    }
    const buttons = card?.blocks
      .find((block) => block.type === 'actions')
      ?.elements?.map((element) => element.action_id);
    expect(buttons).toEqual(expect.arrayContaining(['escalation_claim', 'escalation_resolve']));
    expect(card?.text).toContain(`ADV-${stored.id}`);

    const confirmation = lastEphemeral(t, People.agent);
    expect(confirmation?.text).toContain(`ADV-${stored.id} flagged for Acme Corp`);
    expect(blockText(confirmation?.blocks as TBlock[])).toMatch(
      /<https:\/\/[^|]+\/archives\/C0ADVOCATE\/p\d+\|View the card>/,
    );
  });

  it('keeps a new customer close to an existing one and offers the existing one, flagging or recording', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:"Globex Corporation" exports time out');
    await t.settle();
    expect(blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[])).not.toContain('Did you mean');
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:Globex exports time out again');
    await t.settle();
    const note =
      'No customer “Globex” existed; created it. Did you mean *Globex Corporation*? `/advocate customer merge "Globex" "Globex Corporation"`';
    expect(blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[])).toContain(note);
    expect(await t.app.db.prisma.customer.count({ where: { name: { startsWith: 'Globex' } } })).toBe(2);
    // Naming it again is no longer new: no note.
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:Globex exports still time out');
    await t.settle();
    expect(blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[])).not.toContain('Did you mean');
    await t.slack.runSlashCommand(People.agent, Channels.support, 'nps 3 customer:"Globex Corp." slow exports');
    await t.settle();
    expect(blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[])).toMatch(
      /No customer “Globex Corp\.” existed; created it\. Did you mean \*Globex( Corporation)?\*\?/,
    );
    await t.slack.runSlashCommand(People.agent, Channels.support, 'nps 9 customer:"Globex Corp." fast now');
    await t.settle();
    expect(blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[])).not.toContain('Did you mean');
  });

  it('answers every misuse privately with the problem and the usage, and writes nothing', async () => {
    const before = await t.escalationCount();
    const cases: [string, RegExp][] = [
      ['frobnicate', /`frobnicate` is not a sub-command/],
      ['!urgent checkout is broken', /`!urgent` is not a severity/],
      ['customer:"Acme Corp checkout is broken', /Unterminated quote/],
      ['customer:"" checkout is broken', /`customer:` is empty/],
      ['list view broken for Acme', /`list` takes no arguments/],
    ];
    for (const [text, problem] of cases) {
      const response = await t.slack.runSlashCommand(People.agent, Channels.support, text);
      expect(response?.status).toBe(200);
      const answer = response?.json as { response_type: string; text: string; blocks: TBlock[] };
      expect(answer.response_type).toBe('ephemeral');
      expect(blockText(answer.blocks)).toMatch(problem);
      // The problem comes first, then a pointer to the help, not the whole help.
      expect(answer.blocks[0]!.text?.text).toMatch(problem);
      expect(blockText(answer.blocks)).toContain('`/advocate help` shows every sub-command.');
      expect(blockText(answer.blocks)).not.toContain('How to use /advocate');
    }
    const listCase = (await t.slack.runSlashCommand(People.agent, Channels.support, 'list view broken for Acme'))
      ?.json as { blocks: TBlock[] };
    expect(blockText(listCase.blocks)).toContain('/advocate flag list');
    await t.settle();
    expect(await t.escalationCount()).toBe(before);
    expect(cardsIn(t)).toHaveLength(0);
  });

  it('rejects requests with a bad signature or a stale timestamp', async () => {
    const body = slashCommandBody({
      command: '/advocate',
      text: 'checkout is broken',
      userId: People.agent,
      userName: 'alice',
      channelName: 'support',
      channelId: Channels.support,
      responseUrl: 'http://127.0.0.1:9/r',
      triggerId: 't',
    });
    const wrongSecret = await postToApp(
      t.eventsUrl,
      'not-the-secret-at-all',
      body,
      'application/x-www-form-urlencoded',
    );
    expect(wrongSecret.status).toBe(401);
    const stale = signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 600);
    const response = await fetch(t.eventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...stale },
      body,
    });
    expect(response.status).toBe(401);
    await t.settle();
    expect(await t.app.db.prisma.escalation.count({ where: { summary: 'checkout is broken' } })).toBe(0);
  });

  it('keeps an escalation whose card Slack refused (5xx), says so, lists it, and posts it on retry', async () => {
    t.slack.failNext('chat.postMessage', { status: 500 });
    await t.slack.runSlashCommand(People.agent, Channels.support, 'sso login loops customer:Initech');
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored).toMatchObject({
      summary: 'sso login loops',
      postState: 'pending',
      lastPostError: 'http_500',
      cardTs: null,
    });
    expect(lastEphemeral(t, People.agent)?.text).toContain(`ADV-${stored.id} is saved`);

    await t.slack.runSlashCommand(People.advocate, Channels.support, 'list');
    await t.settle();
    expect(blockText(lastEphemeral(t, People.advocate)?.blocks as TBlock[])).toMatch(
      new RegExp(`ADV-${stored.id}\\*.*card not posted yet`),
    );

    t.clock.advance(60_000);
    await t.drainOutbox();
    const after = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after.postState).toBe('posted');
    expect(cardsIn(t).map((card) => card.ts)).toEqual([after.cardTs]);
  });

  it('waits as long as Slack asks after a 429, then posts once', async () => {
    // Retry-After also closes chat.postMessage in the app's pacer, on the real clock: kept short so that the tests
    // after this one are not held up by it.
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await t.slack.runSlashCommand(People.agent, Channels.support, 'export times out');
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.lastPostError).toBe('rate_limited');
    t.clock.advance(500);
    await t.drainOutbox();
    expect(cardsIn(t)).toHaveLength(0);
    t.clock.advance(1_000);
    await t.drainOutbox();
    expect(cardsIn(t)).toHaveLength(1);
    expect(t.slack.callsTo('chat.postMessage').filter((call) => call.error === 'ratelimited')).toHaveLength(1);
  });

  it('joins the advocate channel when Slack says not_in_channel and posts in the same attempt', async () => {
    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await t.slack.runSlashCommand(People.agent, Channels.support, 'reports are empty');
    await t.settle();
    expect(t.slack.callsTo('conversations.join')).toHaveLength(1);
    expect(cardsIn(t)).toHaveLength(1);
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.postState).toBe('posted');
  });

  it('marks the card failed on channel_not_found and keeps retrying until the channel is back', async () => {
    t.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await t.slack.runSlashCommand(People.agent, Channels.support, 'invoices show the wrong currency');
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored).toMatchObject({ postState: 'failed', lastPostError: 'channel_not_found' });
    expect(lastEphemeral(t, People.agent)?.text).toContain('is saved');
    t.clock.advance(31 * 60_000);
    await t.drainOutbox();
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: stored.id } })).postState).toBe('posted');
  });

  it('stores a pasted 5,000-character summary whole: the card shows its start, show ADV-n all of it', async () => {
    const summary = `${'the export keeps failing & nobody <knows> why; '.repeat(107)}end`;
    expect(summary.length).toBeGreaterThan(5000);
    // Slack sends typed &, < and > as entities.
    const wire = summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await t.slack.runSlashCommand(People.agent, Channels.support, wire);
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.summary).toBe(summary);
    const card = cardsIn(t)[0]!;
    const section = card.blocks[1]!.text!.text;
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section).toContain(`characters in all: \`/advocate show ADV-${stored.id}\` has the full text`);
    expect(section).toContain('nobody &lt;knows&gt; why');
    expect(card.blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
    expect(card.text.length).toBeLessThanOrEqual(4000);

    const response = await t.slack.runSlashCommand(People.agent, Channels.support, `show ADV-${stored.id}`);
    await t.settle();
    const shown = ((response?.json as { blocks?: TBlock[] } | undefined)?.blocks ??
      lastEphemeral(t, People.agent)?.blocks) as TBlock[] | undefined;
    const sections = (shown ?? []).filter((block) => block.type === 'section' && block.text);
    for (const block of sections) expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    const text = sections.map((block) => block.text!.text).join(' ');
    const decoded = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    expect(decoded).toContain(summary.replace(/\s+/g, ' ').slice(-2000));
    expect(decoded).toContain(summary.replace(/\s+/g, ' ').slice(0, 2000));
  });

  it('opens the intake modal on an empty command, shows field errors, and flags on a valid submit', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, '');
    await t.settle();
    const [modal] = t.slack.openViews();
    expect(modal?.callback_id).toBe('advocate_intake');
    const viewId = modal!.id as string;

    const invalid = await t.slack.submitView(People.agent, viewId, {
      summary: { value: { type: 'plain_text_input', value: 'broken' } },
      tags: { value: { type: 'plain_text_input', value: 'Bill_ing' } },
    });
    expect(invalid?.json).toEqual({
      response_action: 'errors',
      errors: {
        summary: 'Describe the problem in at least two words.',
        tags: '"bill_ing" is not a tag: use lower-case letters, digits and -.',
      },
    });
    const before = await t.escalationCount();
    const valid = await t.slack.submitView(People.agent, viewId, {
      summary: { value: { type: 'plain_text_input', value: 'Webhooks arrive twice' } },
      customer: { value: { type: 'plain_text_input', value: 'Globex' } },
      severity: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'critical' }, value: 'critical' },
        },
      },
      tags: { value: { type: 'plain_text_input', value: 'webhooks, #api' } },
    });
    expect(valid?.status).toBe(200);
    await t.settle();
    expect(await t.escalationCount()).toBe(before + 1);
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({
      orderBy: { id: 'desc' },
      include: { tags: true, customer: true },
    });
    expect(stored).toMatchObject({
      summary: 'Webhooks arrive twice',
      severity: 'critical',
      sourceChannelId: Channels.support,
    });
    expect(stored.tags.map((tag) => tag.tag).sort()).toEqual(['api', 'webhooks']);
    expect(stored.customer?.name).toBe('Globex');
    expect(lastEphemeral(t, People.agent)?.text).toContain(`ADV-${stored.id} flagged for Globex`);
  });

  it('flags a message through the shortcut, prefilled with its text and permalink', async () => {
    const message = t.slack.ws.post({
      channel: Channels.support,
      user: People.agent2,
      text: 'Customer Hooli says their SSO certificate expired',
    });
    await t.slack.runMessageShortcut(People.agent, Channels.support, message.ts, 'flag_for_advocacy');
    await t.settle();
    const [modal] = t.slack.openViews() as unknown as {
      id: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    }[];
    const initial = (block: string) => modal!.blocks.find((b) => b.block_id === block)?.element.initial_value;
    expect(initial('summary')).toBe('Customer Hooli says their SSO certificate expired');
    expect(initial('link')).toMatch(/\/archives\/C0SUPPORT1\/p\d+/);
    await t.slack.submitView(People.agent, modal!.id, {});
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored).toMatchObject({
      summary: 'Customer Hooli says their SSO certificate expired',
      sourceMessageTs: message.ts,
    });
    expect(stored.sourceLink).toBe(initial('link'));
    expect(blockText(cardsIn(t)[0]!.blocks)).toContain(`<${stored.sourceLink}>`);
  });

  it('shows help, the open list and one escalation with its timeline', async () => {
    const help = await t.slack.runSlashCommand(People.agent, Channels.support, 'help');
    expect(blockText((help!.json as { blocks: TBlock[] }).blocks)).toContain('How to use /advocate');
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await t.slack.runSlashCommand(People.agent, Channels.support, `show ADV-${stored.id}`);
    await t.settle();
    const shown = blockText(lastEphemeral(t, People.agent)?.blocks as TBlock[]);
    expect(shown).toContain('*Timeline*');
    expect(shown).toMatch(new RegExp(`<@${People.agent}> · \\*flagged\\* ∅ → open via command`));
    await t.slack.runSlashCommand(People.agent, Channels.support, 'show ADV-99999');
    await t.settle();
    expect(lastEphemeral(t, People.agent)?.text).toBe('There is no ADV-99999.');
  });
});
