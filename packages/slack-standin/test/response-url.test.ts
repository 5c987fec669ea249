import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ADVOCATES = 'C0ADVOCATE';
const BOB = 'U0ADVOC001';

let standIn: SlackStandIn;

beforeAll(async () => {
  standIn = await startSlackStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function post(url: string, body: unknown) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function api(method: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${standIn.url}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${standIn.botToken}`, ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('response URLs', () => {
  it('posts ephemerally by default and in the channel when asked', async () => {
    const url = standIn.createResponseUrl({ channelId: ADVOCATES, userId: BOB });
    expect((await post(url, { text: 'just you' })).status).toBe(200);
    expect((await post(url, { text: 'everyone', response_type: 'in_channel' })).status).toBe(200);
    expect(standIn.ephemeralsFor(BOB).map((e) => e.text)).toEqual(['just you']);
    expect(standIn.messagesIn(ADVOCATES).map((m) => m.text)).toEqual(['everyone']);
  });

  it('replaces and deletes the message the interaction came from', async () => {
    const { ts } = await api('chat.postMessage', { channel: ADVOCATES, text: 'card' });
    const url = standIn.createResponseUrl({ channelId: ADVOCATES, userId: BOB, messageTs: String(ts) });
    await post(url, { replace_original: true, text: 'card, claimed' });
    expect(standIn.messagesIn(ADVOCATES).map((m) => m.text)).toEqual(['card, claimed']);
    await post(url, { delete_original: true });
    expect(standIn.messagesIn(ADVOCATES)).toEqual([]);
  });

  it('works five times, then answers 404 used_url', async () => {
    const url = standIn.createResponseUrl({ channelId: ADVOCATES, userId: BOB });
    for (let i = 0; i < 5; i++) expect((await post(url, { text: `${i}` })).status).toBe(200);
    const sixth = await post(url, { text: 'again' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
  });

  it('rejects invalid blocks with 400', async () => {
    const url = standIn.createResponseUrl({ channelId: ADVOCATES, userId: BOB });
    const res = await post(url, { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] });
    expect(res.status).toBe(400);
  });
});

describe('request forms', () => {
  it('ignores a token inside a JSON body, as Slack does', async () => {
    const res = await fetch(`${standIn.url}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: standIn.botToken }),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('accepts the token as a form field', async () => {
    const res = await fetch(`${standIn.url}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: standIn.botToken }).toString(),
    });
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

describe('views', () => {
  const view = { type: 'modal', title: { type: 'plain_text', text: 'Flag' }, blocks: [{ type: 'divider' }] };

  it('uses a trigger once', async () => {
    const trigger = standIn.issueTrigger(BOB);
    expect(await api('views.open', { trigger_id: trigger, view })).toMatchObject({ ok: true });
    expect(await api('views.open', { trigger_id: trigger, view })).toMatchObject({ error: 'exchanged_trigger_id' });
    expect(standIn.openViews()[0]).toMatchObject({ user_id: BOB, title: { text: 'Flag' } });
  });

  it('answers invalid_arguments for a bad modal and hash_conflict for a stale update', async () => {
    const bad = await api('views.open', {
      trigger_id: 'x',
      view: { ...view, title: { type: 'plain_text', text: '' } },
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid_arguments' });
    const opened = (await api('views.open', { trigger_id: 'y', view })) as { view: { id: string } };
    const update = { view_id: opened.view.id, hash: 'stale', view };
    expect(await api('views.update', update)).toMatchObject({ error: 'hash_conflict' });
  });
});
