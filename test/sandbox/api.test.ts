import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMessageView, TPageState } from '../../src/sandbox/page-state';
import { testProviders } from '../support/databases';
import { Channels, People, startTestSandbox, type TTestSandbox } from './sandbox-harness';

type TAnswer = { ok: boolean; error?: string; errors?: Record<string, string>; actor?: string };

describe.each(testProviders())('the sandbox page and its API on %s', (provider) => {
  let t: TTestSandbox;
  beforeAll(async () => {
    // A SLACK_API_URL pointing nowhere proves sandbox mode never uses it.
    t = await startTestSandbox(provider, { env: { SLACK_API_URL: 'http://127.0.0.1:9/api/' } });
  });
  afterAll(async () => t.stop());

  const state = async (user: string) => {
    const { status, body } = await t.get<TPageState>(`/sandbox/api/state?user=${user}&tz=UTC`);
    expect(status).toBe(200);
    return body;
  };
  const channel = (s: TPageState, id: string) => s.channels.find((c) => c.id === id)!;
  const cardOf = async (user: string, ref: string) =>
    channel(await state(user), Channels.advocates).messages.find((m) => m.html.includes(`${ref} · `) && !m.ephemeral);
  const act = async (action: string, body: unknown) => {
    const response = await t.post<TAnswer>(`/sandbox/api/${action}`, body);
    await t.settle();
    return response;
  };

  it('runs against the stand-in on loopback with the advocates user group, and serves the page', async () => {
    const config = t.sandbox.services.config;
    expect(config.mode).toBe('sandbox');
    expect(config.slack.advocateUsergroupId).toBe('S0ADVOCATE');
    expect(t.sandbox.standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(t.sandbox.pageUrl).toBe(`http://localhost:${t.sandbox.port}/sandbox`);
    expect((await t.get('/healthz')).body).toEqual({ status: 'ok', db: 'ok' });

    const page = await fetch(`${t.url}/sandbox`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('"preact": "/sandbox/vendor/preact.js"');
    expect(html).toContain('/sandbox/assets/app.js');
    for (const asset of ['/sandbox/vendor/preact.js', '/sandbox/vendor/preact-hooks.js', '/sandbox/vendor/htm.js']) {
      const response = await fetch(`${t.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/javascript');
    }
    const style = await fetch(`${t.url}/sandbox/assets/style.css`);
    expect(style.status).toBe(200);
    // Emoji and CJK fall back to fonts a stock Debian box can install; none is downloaded.
    const css = await style.text();
    for (const font of ['"Noto Color Emoji"', '"Noto Sans CJK SC"', '"Noto Sans CJK JP"']) expect(css).toContain(font);
    expect(css).not.toMatch(/@font-face|@import|url\(\s*["']?https?:/);
    expect((await fetch(`${t.url}/sandbox/assets/..%2Fstart-sandbox.ts`)).status).toBe(404);
    expect((await fetch(`${t.url}/sandbox/vendor/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/sandbox');
  });

  it('shows each person with the role the app sees, and refuses unknown people', async () => {
    const s = await state('alice');
    expect(s.me).toBe(People.alice);
    expect(Object.fromEntries(s.people.map((p) => [p.name, p.role]))).toEqual({
      alice: 'agent',
      erin: 'agent',
      bob: 'advocate',
      carol: 'advocate',
      dave: 'bystander',
      frank: 'guest',
    });
    expect(channel(s, Channels.support).member).toBe(true);
    expect(channel(s, Channels.advocates).member).toBe(false);
    expect((await t.get('/sandbox/api/state?user=U0NOBODY00')).status).toBe(400);
  });

  it('takes only JSON and names the field that is wrong', async () => {
    const form = await fetch(`${t.url}/sandbox/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U0AGENT001&channel=C0SUPPORT1&text=hi',
    });
    expect(form.status).toBe(415);
    const bad = await t.post<TAnswer>('/sandbox/api/reaction', {
      user: People.bob,
      channel: Channels.advocates,
      ts: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/ts: .*message ts/);
    expect(bad.body.error).toMatch(/name: /);
  });

  it('flags with /advocate: the confirmation is only for the agent, the card is for everyone', async () => {
    const { status } = await act('command', {
      user: People.alice,
      channel: Channels.support,
      text: '!high #billing customer:"Acme Corp" double charged on renewal',
    });
    expect(status).toBe(200);
    const alice = await state('alice');
    const confirmation = channel(alice, Channels.support).messages.find((m) => m.ephemeral);
    expect(confirmation?.html).toContain('<strong>ADV-1</strong> flagged for Acme Corp');
    expect(confirmation?.html).toMatch(
      /<a href="#" class="permalink" data-channel="C0ADVOCATE" data-ts="[\d.]+">View the card<\/a>/,
    );
    expect(confirmation?.author).toBe('advocate');
    const bob = await state('bob');
    expect(channel(bob, Channels.support).messages.some((m) => m.ephemeral)).toBe(false);
    const card = await cardOf('bob', 'ADV-1');
    expect(card?.isApp).toBe(true);
    expect(card?.html).toContain('data-action-id="escalation_claim"');
  });

  it('claims by reaction and reopens by removing it, with the card updated and the thread told', async () => {
    const card = (await cardOf('bob', 'ADV-1'))!;
    await act('reaction', { user: People.bob, channel: Channels.advocates, ts: card.ts, name: 'eyes', add: true });
    let now = (await cardOf('bob', 'ADV-1'))!;
    expect(now.edited).toBe(true);
    expect(now.html).toContain('claimed by <span class="mention mention-user">@bob</span>');
    expect(now.reactions).toEqual([{ name: 'eyes', glyph: '👀', count: 1, mine: true, who: 'bob' }]);
    expect(now.replies.map((r) => r.html).join('\n')).toContain('@bob</span> claimed this (now claimed)');

    const again = await act('reaction', {
      user: People.bob,
      channel: Channels.advocates,
      ts: card.ts,
      name: 'eyes',
      add: true,
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('already_reacted');

    await act('reaction', {
      user: People.bob,
      channel: Channels.advocates,
      ts: card.ts,
      name: 'white_check_mark',
      add: true,
    });
    await act('reaction', {
      user: People.bob,
      channel: Channels.advocates,
      ts: card.ts,
      name: 'white_check_mark',
      add: false,
    });
    now = (await cardOf('bob', 'ADV-1'))!;
    expect(now.reactions.map((r) => r.name)).toEqual(['eyes']);
    expect(now.replies.map((r) => r.html).join('\n')).toMatch(/resolved this[\s\S]*reopened this \(now claimed\)/);
  });

  it('resolves by button, and refuses the bystander privately without changing anything', async () => {
    const card = (await cardOf('dave', 'ADV-1'))!;
    const refused = await act('button', {
      user: People.dave,
      surface: 'message',
      channel: Channels.advocates,
      ts: card.ts,
      actionId: 'escalation_resolve',
    });
    expect(refused.status).toBe(200);
    const dave = channel(await state('dave'), Channels.advocates).messages.filter((m) => m.ephemeral);
    expect(dave.at(-1)?.html).toContain(
      'Only advocates (members of <span class="mention mention-group">@advocates</span>)',
    );
    expect((await cardOf('bob', 'ADV-1'))!.html).not.toContain('resolved ');

    await act('button', {
      user: People.carol,
      surface: 'message',
      channel: Channels.advocates,
      ts: card.ts,
      actionId: 'escalation_resolve',
    });
    const resolved = (await cardOf('carol', 'ADV-1'))!;
    expect(resolved.html).toContain('data-action-id="escalation_reopen"');
    expect(resolved.replies.at(-1)?.html).toContain('@carol</span> resolved this (now resolved)');
    const messagesTab = (await state('alice')).messagesTab.map((m: TMessageView) => m.html).join('\n');
    expect(messagesTab).toContain('was resolved by <span class="mention mention-user">@carol</span>');
  });

  it('posts ordinary messages and thread replies, only where the person is a member', async () => {
    const outside = await act('message', { user: People.alice, channel: Channels.advocates, text: 'hello' });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toBe('@alice is not in #advocates; join it first');
    const posted = await act('message', {
      user: People.alice,
      channel: Channels.support,
      text: 'Globex cannot log in',
    });
    const ts = (posted.body as TAnswer & { ts: string }).ts;
    await act('message', { user: People.erin, channel: Channels.support, text: 'same for Initech', threadTs: ts });
    const message = channel(await state('bob'), Channels.support).messages.find((m) => m.ts === ts)!;
    expect(message.author).toBe('alice');
    expect(message.replies.map((r) => `${r.author}: ${r.html}`)).toEqual(['erin: same for Initech']);

    await act('join', { user: People.alice, channel: Channels.advocates });
    expect(channel(await state('alice'), Channels.advocates).member).toBe(true);
  });

  it('flags a message with the shortcut: the modal opens, shows the app’s errors, and closes on a good submit', async () => {
    const posted = await act('message', {
      user: People.erin,
      channel: Channels.support,
      text: 'Exports time out for Initech',
    });
    const ts = (posted.body as TAnswer & { ts: string }).ts;
    await act('shortcut', { user: People.erin, channel: Channels.support, ts });
    const modal = (await state('erin')).modal!;
    expect(modal.title).toBe('Flag for advocacy');
    expect(modal.submit).toBe('Flag');
    expect(modal.html).toContain('Exports time out for Initech</textarea>');
    expect((await state('alice')).modal).toBeNull();

    const refused = await act('view-submit', {
      user: People.erin,
      viewId: modal.id,
      values: { summary: { value: 'broken' }, severity: { value: 'high' }, tags: { value: 'Not A Tag!' } },
    });
    expect(refused.status).toBe(200);
    expect(refused.body.errors).toMatchObject({
      summary: 'Describe the problem in at least two words.',
      tags: expect.stringContaining('is not a tag'),
    });
    expect((await state('erin')).modal?.id).toBe(modal.id);

    const submitted = await act('view-submit', {
      user: People.erin,
      viewId: modal.id,
      values: {
        summary: { value: 'Exports time out for Initech' },
        customer: { value: 'Initech' },
        severity: { value: 'critical' },
        tags: { value: 'export' },
        link: { value: '' },
      },
    });
    expect(submitted.status).toBe(200);
    expect((await state('erin')).modal).toBeNull();
    const card = (await cardOf('erin', 'ADV-2'))!;
    expect(card.html).toContain('Initech');
    expect(card.html).toContain('critical');

    await act('shortcut', { user: People.erin, channel: Channels.support, ts });
    const second = (await state('erin')).modal!;
    await act('view-close', { user: People.erin, viewId: second.id });
    expect((await state('erin')).modal).toBeNull();
  });

  it('opens the App Home, and its buttons act like the card’s', async () => {
    await act('home', { user: People.bob });
    const home = (await state('bob')).home!;
    expect(home.html).toContain('Unclaimed queue');
    expect(home.html).toContain('ADV-2');
    const blockId = /data-action-id="escalation_claim" data-block-id="([^"]+)"/.exec(home.html)![1];
    await act('button', { user: People.bob, surface: 'home', actionId: 'escalation_claim', blockId });
    expect((await cardOf('bob', 'ADV-2'))!.html).toContain('claimed by <span class="mention mention-user">@bob</span>');
  });

  it('runs the digests as an advocate, even when a bystander presses the button', async () => {
    const open = await act('digest', { user: People.dave, kind: 'open' });
    expect(open.status).toBe(200);
    expect(open.body.actor).toBe(People.bob);
    const nps = await act('digest', { user: People.carol, kind: 'nps' });
    expect(nps.body.actor).toBe(People.carol);
    const posted = channel(await state('bob'), Channels.advocates).messages.filter((m) => !m.ephemeral);
    expect(posted.some((m) => m.html.includes('Open escalations'))).toBe(true);
    expect(posted.some((m) => /NPS/.test(m.html))).toBe(true);
  });

  it('reports every change on the feed, and the boot it belongs to', async () => {
    const first = await t.get<{ bootId: string; seq: number; changes: unknown[] }>('/sandbox/api/changes?since=0');
    expect(first.body.seq).toBeGreaterThan(10);
    expect(first.body.changes.length).toBeGreaterThan(10);
    await act('message', { user: People.alice, channel: Channels.support, text: 'one more' });
    const next = await t.get<{ bootId: string; seq: number; changes: Array<{ kind: string }> }>(
      `/sandbox/api/changes?since=${first.body.seq}`,
    );
    expect(next.body.bootId).toBe(first.body.bootId);
    expect(next.body.changes.map((c) => c.kind)).toEqual(['message_posted']);
  });
});
