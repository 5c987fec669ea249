import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppContentType, postToApp, type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationButtonValue } from '../../src/slack/escalations/escalation-card';
import { intakeModal } from '../../src/slack/escalations/intake-modal';
import { ADVOCATE_USERGROUP, Channels, People, SIGNING_SECRET, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

// The stored payloads are shaped as Slack's documentation shows them. The stand-in must speak that shape (so the
// integration tests exercise what Slack really sends), and the real app must do the right thing with each.

type Json = Record<string, unknown>;

const FIXTURES = new URL('../fixtures/slack/', import.meta.url);
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));

/** Keys whose content is the app's own (blocks, input values, texts it chose): compared as a type only. */
const APP_CONTENT = new Set(['blocks', 'values', 'title', 'close', 'submit', 'text']);

type TShape = string | TShape[] | { [key: string]: TShape };

/** The keys and value types of a payload, nested; arrays by their first item. */
function shapeOf(value: unknown): TShape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value !== 'object') return typeof value;
  const shape: Record<string, TShape> = {};
  for (const [key, inner] of Object.entries(value as Json).sort(([a], [b]) => a.localeCompare(b))) {
    const opaque = APP_CONTENT.has(key) && inner !== null;
    shape[key] = opaque ? (Array.isArray(inner) ? 'array' : typeof inner) : shapeOf(inner);
  }
  return shape;
}

interface TCaptured {
  contentType: string;
  body: string;
}

/** A stand-in for the app: records what the Slack stand-in sends and answers as a quiet app would. */
async function startRecorder(): Promise<{ server: Server; url: string; captured: TCaptured[] }> {
  const captured: TCaptured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({ contentType: String(req.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/slack/events`, captured };
}

function decode(captured: TCaptured | undefined): Json {
  if (!captured) throw new Error('the stand-in sent nothing');
  if (captured.contentType === 'application/json') return JSON.parse(captured.body);
  const form = new URLSearchParams(captured.body);
  const payload = form.get('payload');
  return payload ? JSON.parse(payload) : Object.fromEntries(form);
}

async function callApi(slack: SlackStandIn, method: string, params: Json): Promise<Json> {
  const res = await fetch(`${slack.url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${slack.botToken}` },
    body: JSON.stringify(params),
  });
  const answer = (await res.json()) as Json;
  if (answer.ok !== true) throw new Error(`${method}: ${JSON.stringify(answer)}`);
  return answer;
}

const cardButton = {
  type: 'actions',
  block_id: 'card_actions',
  elements: [
    {
      type: 'button',
      action_id: 'escalation_claim',
      text: { type: 'plain_text', text: 'Claim', emoji: true },
      value: escalationButtonValue({ id: 1, version: 0 }),
    },
  ],
};

describe("the Slack stand-in sends Slack's documented payload shapes", () => {
  let slack: SlackStandIn;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let cardTs: string;
  const sent = () => decode(recorder.captured.at(-1));

  beforeAll(async () => {
    recorder = await startRecorder();
    slack = await startSlackStandIn();
    slack.connectApp(recorder.url, SIGNING_SECRET);
    const posted = await callApi(slack, 'chat.postMessage', {
      channel: Channels.advocates,
      text: 'ADV-1 · double charged on renewal',
      blocks: [cardButton],
    });
    cardTs = String(posted.ts);
  });
  afterAll(async () => {
    await slack.close();
    await new Promise((resolve) => recorder.server.close(resolve));
  });

  it('slash command', async () => {
    await slack.runSlashCommand(People.agent, Channels.support, 'double charged on renewal');
    expect(recorder.captured.at(-1)?.contentType).toBe('application/x-www-form-urlencoded');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('slash-command')));
  });

  it('block_actions from a button on a message', async () => {
    await slack.clickButton(People.advocate, Channels.advocates, cardTs, 'escalation_claim');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('block-actions')));
  });

  it('block_actions from a button on the App Home tab', async () => {
    await callApi(slack, 'views.publish', {
      user_id: People.advocate,
      view: {
        type: 'home',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: '*ADV-1* high' }, accessory: cardButton.elements[0] },
        ],
      },
    });
    await slack.clickHomeButton(People.advocate, 'escalation_claim');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('block-actions-home')));
  });

  it('view_submission', async () => {
    const opened = await callApi(slack, 'views.open', {
      trigger_id: slack.issueTrigger(People.agent),
      view: intakeModal({ channelId: Channels.support }),
    });
    const viewId = String((opened.view as Json).id);
    await slack.submitView(People.agent, viewId, {
      summary: { value: 'SSO login loops back to the sign-in page' },
      customer: { value: 'Globex' },
      severity: { value: 'critical' },
      tags: { value: 'sso, login' },
    });
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('view-submission')));
  });

  it('message_action (message shortcut)', async () => {
    const message = slack.ws.post({ channel: Channels.support, user: People.agent, text: 'renewal charged twice' });
    await slack.runMessageShortcut(People.agent, Channels.support, message.ts, 'flag_for_advocacy');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('message-action')));
  });

  it('event_callback with reaction_added and reaction_removed', async () => {
    await slack.addReaction(People.advocate, Channels.advocates, cardTs, 'eyes');
    expect(recorder.captured.at(-1)?.contentType).toBe('application/json');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('event-reaction-added')));
    await slack.removeReaction(People.advocate, Channels.advocates, cardTs, 'eyes');
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('event-reaction-removed')));
  });

  it('event_callback with app_home_opened, once a home tab is published', async () => {
    await callApi(slack, 'views.publish', {
      user_id: People.agent,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Nothing flagged yet.' } }] },
    });
    await slack.openHome(People.agent);
    expect(shapeOf(sent())).toEqual(shapeOf(fixture('event-app-home-opened')));
  });
});

/** The documentation's ids, mapped onto the stand-in workspace's seeded people, channels and app. */
const SEEDED_IDS: Record<string, string> = {
  T123ABC456: 'T0STANDIN1',
  A123ABC456: 'A0ADVOCAPP',
  B123ABC456: 'B0ADVOCBOT',
  U0BOTUSER1: 'U0ADVOCBOT',
  U123ABC456: People.agent,
  U222222222: People.advocate,
  C123ABC456: Channels.support,
  C987DEF654: Channels.advocates,
};

function inWorkspace<T>(value: T): T {
  const ids = new RegExp(Object.keys(SEEDED_IDS).join('|'), 'g');
  return JSON.parse(JSON.stringify(value).replace(ids, (id) => SEEDED_IDS[id] ?? id)) as T;
}

describe.each(testProviders())('the app, sent the documented payloads, on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });

  const send = async (body: string, contentType: AppContentType) => {
    const response = await postToApp(t.eventsUrl, SIGNING_SECRET, body, contentType);
    await t.settle();
    return response;
  };
  const sendForm = (fields: Json) =>
    send(new URLSearchParams(fields as Record<string, string>).toString(), 'application/x-www-form-urlencoded');
  const sendInteraction = (payload: Json) =>
    send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  const sendEvent = (envelope: Json) => send(JSON.stringify(envelope), 'application/json');
  const latest = () =>
    t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' }, include: { tags: true, customer: true } });

  /** A card posted the ordinary way, for the payloads that act on one. */
  async function flagCard() {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'exports time out for the whole account');
    await t.settle();
    const escalation = await latest();
    if (!escalation.cardTs) throw new Error('no card was posted');
    return { id: escalation.id, ts: escalation.cardTs };
  }

  const withEvent = (envelope: Json, event: Json): Json => ({
    ...envelope,
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { ...(envelope.event as Json), ...event },
  });

  it('url_verification: answers the challenge', async () => {
    const body = fixture('url-verification');
    const response = await send(JSON.stringify(body), 'application/json');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: body.challenge });
  });

  it('slash command: stores the escalation, posts its card and confirms privately', async () => {
    const fields = inWorkspace(fixture('slash-command'));
    const response = await sendForm({
      ...fields,
      response_url: t.slack.createResponseUrl({ channelId: Channels.support, userId: People.agent }),
      trigger_id: t.slack.issueTrigger(People.agent),
    });
    expect(response.status).toBe(200);
    const stored = await latest();
    expect(stored).toMatchObject({
      summary: 'double charged on renewal',
      severity: 'high',
      reporterId: People.agent,
      sourceChannelId: Channels.support,
      postState: 'posted',
    });
    expect(stored.customer?.name).toBe('Acme Corp');
    expect(stored.tags.map((tag) => tag.tag)).toEqual(['billing']);
    expect(t.slack.messagesIn(Channels.advocates).map((card) => card.ts)).toContain(stored.cardTs);
    expect(t.slack.ephemeralsFor(People.agent).at(-1)?.text).toContain(`ADV-${stored.id} flagged for Acme Corp`);
  });

  it('block_actions: the Claim button on a card claims it for the advocate who pressed it', async () => {
    const card = await flagCard();
    const payload = inWorkspace(fixture('block-actions'));
    const action = (payload.actions as Json[])[0];
    const response = await sendInteraction({
      ...payload,
      container: { ...(payload.container as Json), message_ts: card.ts },
      message: { ...(payload.message as Json), ts: card.ts },
      actions: [{ ...action, value: escalationButtonValue({ id: card.id, version: 0 }) }],
      response_url: t.slack.createResponseUrl({
        channelId: Channels.advocates,
        userId: People.advocate,
        messageTs: card.ts,
      }),
      trigger_id: t.slack.issueTrigger(People.advocate),
    });
    expect(response.status).toBe(200);
    expect(await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({
      status: 'claimed',
      ownerId: People.advocate,
    });
    const shown = t.slack.messagesIn(Channels.advocates).find((message) => message.ts === card.ts);
    expect(blockText(shown?.blocks as TBlock[])).toContain(`claimed by <@${People.advocate}>`);
  });

  it('block_actions: Resolve pressed on a card drawn before a reopen acts on the escalation as it is now, and says so', async () => {
    const card = await flagCard();
    const stored = () => t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } });
    await t.slack.clickButton(People.advocate, Channels.advocates, card.ts, 'escalation_claim');
    await t.settle();
    // What the card showed now (claimed, version 1) is what a stale client or a late replay still presses.
    const staleResolve = escalationButtonValue({ id: card.id, version: (await stored()).version });
    await t.slack.clickButton(People.advocate, Channels.advocates, card.ts, 'escalation_resolve');
    await t.settle();
    await t.slack.clickButton(People.advocate, Channels.advocates, card.ts, 'escalation_reopen');
    await t.settle();
    expect(await stored()).toMatchObject({ status: 'claimed' });
    const payload = inWorkspace(fixture('block-actions'));
    const action = { ...(payload.actions as Json[])[0], action_id: 'escalation_resolve', value: staleResolve };
    const response = await sendInteraction({
      ...payload,
      container: { ...(payload.container as Json), message_ts: card.ts },
      message: { ...(payload.message as Json), ts: card.ts },
      actions: [action],
      response_url: t.slack.createResponseUrl({
        channelId: Channels.advocates,
        userId: People.advocate,
        messageTs: card.ts,
      }),
      trigger_id: t.slack.issueTrigger(People.advocate),
    });
    expect(response.status).toBe(200);
    await t.settle();
    expect(await stored()).toMatchObject({ status: 'resolved' });
    expect(t.slack.ephemeralsFor(People.advocate).at(-1)?.text).toMatch(
      new RegExp(
        `^:information_source: That card was out of date: ADV-${card.id} had changed since it was drawn\\. Your press was applied to it as it is now \\(resolved\\); it is now resolved\\.`,
      ),
    );
  });

  it('reaction_added :eyes: on a card claims it; reaction_removed :white_check_mark: reopens it', async () => {
    const card = await flagCard();
    const added = inWorkspace(fixture('event-reaction-added'));
    const item = { type: 'message', channel: Channels.advocates, ts: card.ts };
    expect((await sendEvent(withEvent(added, { item }))).status).toBe(200);
    const stored = () => t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } });
    expect(await stored()).toMatchObject({ status: 'claimed', ownerId: People.advocate });

    await t.slack.addReaction(People.advocate, Channels.advocates, card.ts, 'white_check_mark');
    await t.settle();
    expect((await stored()).status).toBe('resolved');
    const removed = inWorkspace(fixture('event-reaction-removed'));
    expect((await sendEvent(withEvent(removed, { item }))).status).toBe(200);
    expect((await stored()).status).toBe('claimed');
  });

  it('view_submission of the intake form: closes it, stores the escalation and tells the agent by DM', async () => {
    const payload = inWorkspace(fixture('view-submission'));
    const response = await sendInteraction({ ...payload, trigger_id: t.slack.issueTrigger(People.agent) });
    expect(response.status).toBe(200);
    // An empty acknowledgement closes the modal; errors would come back as response_action "errors".
    expect(response.text).toBe('');
    const stored = await latest();
    expect(stored).toMatchObject({
      summary: 'SSO login loops back to the sign-in page',
      severity: 'critical',
      reporterId: People.agent,
      sourceChannelId: Channels.support,
    });
    expect(stored.customer?.name).toBe('Globex');
    expect(stored.tags.map((tag) => tag.tag).sort()).toEqual(['login', 'sso']);
    const dm = t.slack.ws.dmWith(People.agent);
    expect(t.slack.messagesIn(dm.id).map((message) => message.text)).toContainEqual(
      expect.stringContaining(`ADV-${stored.id}`),
    );
  });

  it('message_action "Flag for advocacy": opens the intake form with the message as its summary', async () => {
    const message = t.slack.ws.post({
      channel: Channels.support,
      user: People.agent2,
      text: "Acme's invoices show the renewal charged twice",
    });
    const payload = inWorkspace(fixture('message-action'));
    const response = await sendInteraction({
      ...payload,
      message_ts: message.ts,
      message: { ...(payload.message as Json), ts: message.ts, user: People.agent2 },
      response_url: t.slack.createResponseUrl({
        channelId: Channels.support,
        userId: People.agent,
        messageTs: message.ts,
      }),
      trigger_id: t.slack.issueTrigger(People.agent),
    });
    expect(response.status).toBe(200);
    const modal = t.slack.openViews().find((view) => view.user_id === People.agent);
    expect(modal?.callback_id).toBe('advocate_intake');
    expect(JSON.stringify(modal?.blocks)).toContain("Acme's invoices show the renewal charged twice");
  });

  it('block_actions from the App Home tab: Claim claims it and the tab is published again', async () => {
    const card = await flagCard();
    await t.slack.openHome(People.advocate);
    await t.settle();
    const before = t.slack.homeOf(People.advocate);
    if (!before) throw new Error('no home tab was published');
    const payload = inWorkspace(fixture('block-actions-home'));
    const action = (payload.actions as Json[])[0];
    const response = await sendInteraction({
      ...payload,
      container: { type: 'view', view_id: before.id },
      view: before,
      actions: [{ ...action, value: escalationButtonValue({ id: card.id, version: 0 }) }],
      trigger_id: t.slack.issueTrigger(People.advocate),
    });
    expect(response.status).toBe(200);
    expect(await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({
      status: 'claimed',
      ownerId: People.advocate,
    });
    const after = t.slack.homeOf(People.advocate);
    expect(after?.hash).not.toBe(before.hash);
    expect(blockText(after?.blocks as TBlock[])).toContain(`ADV-${card.id}`);
  });

  it('app_home_opened: publishes the home tab for the person who opened it', async () => {
    const envelope = inWorkspace(fixture('event-app-home-opened'));
    const channel = t.slack.ws.dmWith(People.agent).id;
    const { view: _staleView, ...event } = envelope.event as Json;
    const response = await sendEvent({ ...withEvent(envelope, {}), event: { ...event, channel } });
    expect(response.status).toBe(200);
    const home = t.slack.homeOf(People.agent);
    expect(home?.type).toBe('home');
    expect(Array.isArray(home?.blocks) && home.blocks.length).toBeGreaterThan(0);
  });
});
