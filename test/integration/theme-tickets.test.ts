import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { minutes } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

type TSlackMessage = { text: string; ts: string; blocks?: TBlock[] };
// biome-ignore lint/suspicious/noExplicitAny: webhook fixtures are edited field by field, as the trackers' JSON is
type TJson = Record<string, any>;

const GITHUB_SECRET = 'github-webhook-secret-0123456789';
const JIRA_SECRET = 'jira-webhook-secret-0123456789ab';
const TOKEN = 'survey-webhook-token-0123456789';

const fixture = (name: string): TJson =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/webhooks', name), 'utf8'));
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** GitHub's `issues` delivery for one issue, in GitHub's own shape (fixture), at `at`. */
function githubIssue(action: 'opened' | 'closed' | 'reopened', url: string, title: string, at: Date): TJson {
  const body = fixture('github-issues-closed.json');
  const [, owner, repo, , number] = new URL(url).pathname.split('/');
  body.action = action;
  body.issue.html_url = url;
  body.issue.number = Number(number);
  body.issue.title = title;
  body.issue.state = action === 'closed' ? 'closed' : 'open';
  body.issue.updated_at = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  body.issue.closed_at = action === 'closed' ? body.issue.updated_at : null;
  body.issue.state_reason = action === 'closed' ? 'completed' : action === 'reopened' ? 'reopened' : null;
  body.repository.full_name = `${owner}/${repo}`;
  return body;
}

function jiraStatus(key: string, category: 'new' | 'indeterminate' | 'done', title: string, at: Date): TJson {
  const body = fixture('jira-issue-updated-done.json');
  body.timestamp = at.getTime();
  body.issue.key = key;
  body.issue.fields.summary = title;
  body.issue.fields.status.statusCategory.key = category;
  body.issue.fields.status.name = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[category];
  return body;
}

describe.each(testProviders())('engineering tickets on themes on %s', (provider) => {
  let t: TTestApp;
  let deliveries = 0;
  beforeAll(async () => {
    t = await startTestApp(provider, {
      env: {
        ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP,
        GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
        JIRA_WEBHOOK_SECRET: JIRA_SECRET,
        SURVEY_WEBHOOK_TOKEN: TOKEN,
      },
    });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    t.slack.reset();
  });

  const post = async (route: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${t.app.url}${route}`, { method: 'POST', headers, body });
    const text = await response.text();
    await t.settle();
    return { status: response.status, json: text ? (JSON.parse(text) as TJson) : {} };
  };
  const github = (body: TJson | string, options: { event?: string; delivery?: string; signature?: string } = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return post('/webhooks/github', raw, {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/5f3c1a2',
      'x-github-event': options.event ?? 'issues',
      'x-github-delivery': options.delivery ?? `7d3e1c2a-0000-11f1-8000-${String(deliveries++).padStart(12, '0')}`,
      'x-github-hook-id': '471290388',
      'x-hub-signature-256': options.signature ?? sign(GITHUB_SECRET, raw),
    });
  };
  const jira = (body: TJson, options: { query?: string; signature?: string | null; id?: string } = {}) => {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': options.id ?? `${1000 + deliveries++}`,
    };
    if (options.signature !== null) headers['x-hub-signature'] = options.signature ?? sign(JIRA_SECRET, raw);
    return post(`/webhooks/jira${options.query ?? ''}`, raw, headers);
  };
  const generic = (body: unknown, token = TOKEN) =>
    post('/webhooks/tickets', JSON.stringify(body), {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    });

  const flag = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };
  const command = async (user: string, text: string) => {
    await t.slack.runSlashCommand(user, Channels.support, text);
    await t.settle();
    const reply = t.slack.ephemeralsFor(user).at(-1);
    return `${reply?.text ?? ''}\n${blockText(reply?.blocks as TBlock[])}`;
  };
  const theme = (id: number) =>
    t.app.db.prisma.theme.findUniqueOrThrow({ where: { id }, include: { tickets: { orderBy: { id: 'asc' } } } });
  const themeCard = async (id: number) => {
    const ts = (await theme(id)).cardTs;
    return (t.slack.messagesIn(Channels.advocates) as TSlackMessage[]).find((message) => message.ts === ts)!;
  };
  const themeThread = async (id: number) =>
    t.slack.threadOf(Channels.advocates, (await theme(id)).cardTs!) as TSlackMessage[];
  const dmsTo = (userId: string) =>
    (t.slack.messagesIn(dmChannelOf(userId)) as TSlackMessage[]).map((message) => message.text);

  async function openThemeWithTwoCustomers(title: string) {
    const a = await flag(People.agent, `!high #billing customer:Acme ${title} for Acme`);
    const b = await flag(People.agent2, `#billing customer:Globex ${title} for Globex`);
    await command(People.advocate, `theme ${title} ADV-${a.id} ADV-${b.id}`);
    const created = await t.app.db.prisma.theme.findFirstOrThrow({ orderBy: { id: 'desc' } });
    return { themeId: created.id, escalations: [a.id, b.id] };
  }

  it('links tickets from the command and the card, follows GitHub and Jira, and closes the loop', async () => {
    const { themeId, escalations } = await openThemeWithTwoCustomers('double charge at renewal');
    const issueUrl = `https://github.com/Acme/Billing/issues/${40 + themeId}`;
    const jiraKey = `BILL-${themeId}`;

    // Link: the command takes a GitHub issue; the card's "Link ticket" button opens a modal for a Jira one.
    const reply = await command(People.advocate, `theme THM-${themeId} link <${issueUrl}>`);
    expect(reply).toContain(`acme/billing#${40 + themeId}`);
    const card = await themeCard(themeId);
    expect(JSON.stringify(card.blocks)).toContain('theme_link_ticket');
    await t.slack.clickButton(People.advocate, Channels.advocates, card.ts, 'theme_link_ticket');
    await t.settle();
    const modal = t.slack.openViews().find((view) => view.callback_id === 'theme_link_ticket_url')!;
    expect(modal).toBeDefined();
    await t.slack.submitView(People.advocate, modal.id as string, {
      ticket_url: { value: { type: 'plain_text_input', value: `https://acme.atlassian.net/browse/${jiraKey}` } },
    });
    await t.settle();
    let stored = await theme(themeId);
    expect(stored.tickets.map((ticket) => [ticket.tracker, ticket.key, ticket.state, ticket.linkedById])).toEqual([
      ['github', `acme/billing#${40 + themeId}`, 'open', People.advocate],
      ['jira', `acme.atlassian.net/${jiraKey}`, 'open', People.advocate],
    ]);
    const timeline = await t.app.db.prisma.timelineEntry.findMany({ where: { themeId, action: 'ticket linked' } });
    expect(timeline.map((entry) => [entry.actorId, entry.via])).toEqual([
      [People.advocate, 'command'],
      [People.advocate, 'modal'],
    ]);
    let cardText = blockText((await themeCard(themeId)).blocks);
    expect(cardText).toContain('Engineering tickets');
    expect(cardText).toContain('0 of 2 closed');
    expect(cardText).toContain(jiraKey);

    // GitHub closes its issue: signed delivery, state recorded, card and thread say so; a redelivery changes nothing.
    t.clock.advance(minutes(10));
    const closedAt = t.clock.now();
    const closing = githubIssue('closed', issueUrl, 'Renewal charges the card twice', closedAt);
    const delivery = 'a6b1c2d3-0000-11f1-8000-00000000abcd';
    const first = await github(closing, { delivery });
    expect(first).toMatchObject({ status: 200, json: { matched: 1, applied: 1 } });
    expect(await github(closing, { delivery })).toMatchObject({ status: 200, json: { duplicate: true } });
    stored = await theme(themeId);
    expect(stored.tickets[0]).toMatchObject({ state: 'closed', title: 'Renewal charges the card twice' });
    expect(stored.tickets[0]!.stateChangedAt?.getTime()).toBe(Math.floor(closedAt.getTime() / 1000) * 1000);
    cardText = blockText((await themeCard(themeId)).blocks);
    expect(cardText).toContain('1 of 2 closed');
    expect(cardText).toContain('Renewal charges the card twice');
    let thread = (await themeThread(themeId)).map((message) => message.text);
    expect(thread.filter((text) => text.includes('is now *closed*'))).toHaveLength(1);
    expect(stored.ticketsClosedAt).toBeNull();

    // Jira moves its issue to Done (HMAC X-Hub-Signature): every ticket closed → one prompt with a Resolve button,
    // even when Jira delivers it again under another id.
    t.clock.advance(minutes(5));
    const done = jiraStatus(jiraKey, 'done', 'Proration rounds the refund down', t.clock.now());
    expect(await jira(done)).toMatchObject({ status: 200, json: { matched: 1, applied: 1 } });
    expect(await jira(done)).toMatchObject({ status: 200, json: { applied: 0, duplicate: true } });
    const prompts = () =>
      themeThread(themeId).then((messages) =>
        messages.filter((message) => message.text.includes('All linked tickets')),
      );
    expect(await prompts()).toHaveLength(1);
    expect((await prompts())[0]!.text).toContain('tell the 2 customers?');
    expect(JSON.stringify((await prompts())[0]!.blocks)).toContain('theme_resolve');

    // GitHub reopens its issue: a thread line, and the card says "Fix reopened".
    t.clock.advance(minutes(5));
    await github(githubIssue('reopened', issueUrl, 'Renewal charges the card twice', t.clock.now()));
    thread = (await themeThread(themeId)).map((message) => message.text);
    expect(thread.filter((text) => text.includes('Fix reopened'))).toHaveLength(1);
    expect(blockText((await themeCard(themeId)).blocks)).toContain('Fix reopened');
    expect((await theme(themeId)).fixReopenedAt).not.toBeNull();

    // Closed again: a second episode, a second prompt (Slack failing first: the state is kept, the prompt retried).
    t.clock.advance(minutes(5));
    t.slack.failNext('chat.postMessage', { status: 500 }, 1);
    await github(githubIssue('closed', issueUrl, 'Renewal charges the card twice', t.clock.now()));
    expect((await theme(themeId)).tickets[0]!.state).toBe('closed');
    t.clock.advance(minutes(2));
    await t.drainOutbox();
    await t.settle();
    expect(await prompts()).toHaveLength(2);
    expect(blockText((await themeCard(themeId)).blocks)).not.toContain('Fix reopened');

    // The prompt's button opens the resolution modal prefilled with the tickets' titles; confirming tells everyone.
    const prompt = (await prompts()).at(-1)!;
    await t.slack.clickButton(People.advocate, Channels.advocates, prompt.ts, 'theme_resolve');
    await t.settle();
    const resolveModal = t.slack.openViews().find((view) => view.callback_id === 'theme_resolve_note')!;
    const note = JSON.stringify(resolveModal.blocks);
    expect(note).toContain('Renewal charges the card twice');
    expect(note).toContain('Proration rounds the refund down');
    await t.slack.submitView(People.advocate, resolveModal.id as string, {});
    await t.settle();
    const resolved = await theme(themeId);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolutionNote).toContain('Renewal charges the card twice');
    expect(dmsTo(People.agent).filter((text) => text.includes(`THM-${themeId}`))).toHaveLength(1);
    expect(dmsTo(People.agent2).filter((text) => text.includes(`THM-${themeId}`))).toHaveLength(1);
    for (const id of escalations)
      expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');

    // Reopened after the resolution: a thread line only; the theme stays resolved.
    t.clock.advance(minutes(5));
    await jira(jiraStatus(jiraKey, 'indeterminate', 'Proration rounds the refund down', t.clock.now()));
    thread = (await themeThread(themeId)).map((message) => message.text);
    expect(thread.filter((text) => text.includes('after this theme was resolved'))).toHaveLength(1);
    expect((await theme(themeId)).status).toBe('resolved');
    expect(blockText((await themeCard(themeId)).blocks)).not.toContain('Fix reopened');
  });

  it('verifies each tracker as it signs, names bad fields, and ignores unknown tickets', async () => {
    const body = githubIssue('closed', 'https://github.com/acme/unknown/issues/1', 'Not ours', t.clock.now());
    expect((await github(body, { signature: sign('another-secret-0123456789', JSON.stringify(body)) })).status).toBe(
      401,
    );
    expect((await github(body, { signature: '' })).status).toBe(401);
    const ping = await github(fixture('github-ping.json'), { event: 'ping' });
    expect(ping.status).toBe(200);
    expect(await github(body)).toMatchObject({ status: 200, json: { matched: 0, ignored: expect.any(String) } });
    const labeled = { ...body, action: 'labeled' };
    expect(await github(labeled)).toMatchObject({ status: 200, json: { ignored: 'action labeled' } });
    const malformed = { ...body, issue: { ...body.issue, html_url: 42 } };
    const bad = await github(malformed);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('issue.html_url');
    expect((await github('{not json')).status).toBe(400);

    const jiraBody = jiraStatus('ZZZ-1', 'done', 'Not ours either', t.clock.now());
    expect(
      (await jira(jiraBody, { signature: sign('wrong-secret-0123456789', JSON.stringify(jiraBody)) })).status,
    ).toBe(401);
    expect((await jira(jiraBody, { signature: null })).status).toBe(401);
    expect((await jira(jiraBody, { signature: null, query: '?secret=wrong-secret-0123456789ab' })).status).toBe(401);
    expect(await jira(jiraBody, { signature: null, query: `?secret=${JIRA_SECRET}` })).toMatchObject({
      status: 200,
      json: { matched: 0 },
    });
    const noStatus = { ...jiraBody, changelog: { id: '1', items: [{ field: 'priority' }] } };
    expect(await jira(noStatus)).toMatchObject({ status: 200, json: { ignored: expect.stringContaining('status') } });
    const badJira = await jira({ ...jiraBody, timestamp: 'yesterday' });
    expect(badJira.status).toBe(400);
    expect(badJira.json.error).toContain('timestamp');

    expect((await generic({ url: 'https://example.com/t/1', state: 'closed' }, 'wrong-token-0123456789')).status).toBe(
      401,
    );
    const missing = await generic({ state: 'closed' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toContain('url');
    const badState = await generic({ key: 'ENG-1', state: 'done' });
    expect(badState.status).toBe(400);
    expect(badState.json.error).toContain('state');
    expect(await generic({ key: 'NOPE-404', state: 'closed' })).toMatchObject({ status: 200, json: { matched: 0 } });
  });

  it('follows Linear and generic tickets through the generic webhook, and unlinks', async () => {
    const { themeId } = await openThemeWithTwoCustomers('export times out');
    const linear = `https://linear.app/acme/issue/ENG-${themeId}/export-times-out`;
    const status = `https://status.example.com/incidents/${themeId}`;
    await command(People.advocate, `theme THM-${themeId} link ${linear} ${status}`);
    expect((await theme(themeId)).tickets.map((ticket) => ticket.key)).toEqual([
      `ENG-${themeId}`,
      `https://status.example.com/incidents/${themeId}`,
    ]);
    const at = new Date(t.clock.now().getTime() - 60_000).toISOString();
    expect(await generic({ key: `eng-${themeId}`, state: 'in_progress', at })).toMatchObject({
      status: 200,
      json: { matched: 1, applied: 1 },
    });
    // The same state at the same time again: applied once.
    expect(await generic({ key: `ENG-${themeId}`, state: 'in_progress', at })).toMatchObject({
      json: { applied: 0, duplicates: 1 },
    });
    expect((await theme(themeId)).tickets[0]!.state).toBe('in_progress');
    expect(blockText((await themeCard(themeId)).blocks)).toContain('in progress');

    // The weekly report lists the theme with its tickets' states and how long it has waited; App Home too.
    t.clock.advance(minutes(60 * 26));
    const before = t.slack.messagesIn(Channels.advocates).length;
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, 'digest nps');
    await t.settle();
    const report = (t.slack.messagesIn(Channels.advocates) as TSlackMessage[])
      .slice(before)
      .map((m) => blockText(m.blocks))
      .join('\n');
    const reportLine = report.split('\n').find((line) => line.includes(`ENG-${themeId}`)) ?? '';
    expect(reportLine).toContain('in progress');
    expect(report).toMatch(/waiting on engineering for 1d/);
    await t.slack.openHome(People.advocate);
    await t.settle();
    const home = blockText((t.slack.homeOf(People.advocate) as { blocks: TBlock[] }).blocks);
    expect(home).toContain('Themes waiting on engineering');
    expect(home).toContain(`THM-${themeId}`);

    // Unlinking the open one leaves only closed ones: that is "all closed" too.
    // A tracker's title is outside text: shown, but it never mentions or pings anyone.
    await generic({
      url: status,
      state: 'closed',
      title: `Exports fixed <!channel> <@${People.agent}> <https://evil.example|docs>`,
    });
    const shown = JSON.stringify((await themeCard(themeId)).blocks);
    expect(shown).toContain('Exports fixed');
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain(`<@${People.agent}>`);
    expect(shown).not.toContain('|docs>');
    const reply = await command(People.advocate, `theme THM-${themeId} unlink ${linear}`);
    expect(reply).toContain('Unlinked');
    expect((await theme(themeId)).tickets).toHaveLength(1);
    const thread = (await themeThread(themeId)).map((message) => message.text);
    expect(thread.filter((text) => text.includes('All linked tickets'))).toHaveLength(1);
    expect(await command(People.advocate, `theme THM-${themeId} unlink ${linear}`)).toContain('not linked');
    expect(await command(People.agent, `theme THM-${themeId} link ${linear}`)).toContain('advocates');
    expect(await command(People.advocate, `theme THM-${themeId} link ftp://example.com/x`)).toContain('http');
  });

  it('keeps each webhook off until its secret is set', async () => {
    const bare = await startTestApp(provider);
    try {
      for (const route of ['/webhooks/github', '/webhooks/jira', '/webhooks/tickets']) {
        const response = await fetch(`${bare.app.url}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(response.status, route).toBe(404);
      }
    } finally {
      await bare.stop();
    }
  });
});
