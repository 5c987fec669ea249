import type { AddressInfo } from 'node:net';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { App, type BlockButtonAction, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The real Bolt app, its real HTTP receiver and signature check, against the stand-in.

const ADVOCATES = 'C0ADVOCATE';
const BOB = 'U0ADVOC001';
const SECRET = 'test-signing-secret';

let standIn: SlackStandIn;
let app: App;
let appUrl: string;

const intakeView = {
  type: 'modal' as const,
  callback_id: 'intake',
  title: { type: 'plain_text' as const, text: 'Flag for advocacy' },
  submit: { type: 'plain_text' as const, text: 'Flag' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'summary',
      label: { type: 'plain_text' as const, text: 'Summary' },
      element: { type: 'plain_text_input' as const, action_id: 'summary_input' },
    },
  ],
};

function buildApp(): App {
  const bolt = new App({
    token: standIn.botToken,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: standIn.url },
    logLevel: LogLevel.ERROR,
  });
  bolt.command('/advocate', async ({ command, ack, respond, client }) => {
    if (command.text === 'help') return ack('usage: /advocate <summary>');
    await ack();
    if (command.text === '') await client.views.open({ trigger_id: command.trigger_id, view: intakeView });
    else await respond({ text: `got ${command.text}` });
  });
  bolt.view('intake', async ({ ack, view, client }) => {
    await ack();
    const summary = view.state.values.summary?.summary_input?.value ?? '';
    const button = {
      type: 'button' as const,
      action_id: 'escalation_claim',
      value: 'ADV-1',
      text: { type: 'plain_text' as const, text: 'Claim' },
    };
    await client.chat.postMessage({
      channel: ADVOCATES,
      text: summary,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: summary } },
        { type: 'actions', elements: [button] },
      ],
    });
  });
  bolt.action<BlockButtonAction>('escalation_claim', async ({ ack, body, client }) => {
    await ack();
    const ts = body.message?.ts ?? '';
    await client.chat.update({
      channel: body.channel?.id ?? '',
      ts,
      text: `${body.actions[0]?.value} claimed by ${body.user.id}`,
    });
  });
  bolt.event('reaction_added', async ({ event, client }) => {
    if (event.item.type !== 'message') return;
    await client.chat.postMessage({
      channel: event.item.channel,
      thread_ts: event.item.ts,
      text: `:${event.reaction}:`,
    });
  });
  bolt.shortcut('flag_for_advocacy', async ({ ack, respond, shortcut }) => {
    await ack();
    if (shortcut.type === 'message_action') await respond({ text: `flagging "${shortcut.message.text}"` });
  });
  bolt.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'divider' }] } });
  });
  return bolt;
}

beforeAll(async () => {
  standIn = await startSlackStandIn();
  app = buildApp();
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  standIn.connectApp(appUrl, SECRET);
});
afterAll(async () => {
  await app.stop();
  await standIn.close();
});
beforeEach(() => standIn.reset());

describe('a person using the app', () => {
  it('runs a slash command answered through respond()', async () => {
    const res = await standIn.runSlashCommand(BOB, ADVOCATES, 'Acme is down');
    expect(res?.status).toBe(200);
    await standIn.waitFor(() => standIn.ephemeralsFor(BOB).length > 0);
    expect(standIn.ephemeralsFor(BOB)[0]).toMatchObject({ channel: ADVOCATES, text: 'got Acme is down' });
  });

  it('shows a body returned in the ack to the person only', async () => {
    await standIn.runSlashCommand(BOB, ADVOCATES, 'help');
    expect(standIn.ephemeralsFor(BOB).map((e) => e.text)).toEqual(['usage: /advocate <summary>']);
  });

  it('opens and submits a modal, clicks the card button, reacts', async () => {
    await standIn.runSlashCommand(BOB, ADVOCATES, '');
    await standIn.waitFor(() => standIn.openViews().length === 1);
    const [view] = standIn.openViews();
    await standIn.submitView(BOB, String(view?.id), { summary: { summary_input: 'Acme is down' } });
    expect(standIn.openViews()).toHaveLength(0);
    await standIn.waitFor(() => standIn.messagesIn(ADVOCATES).length === 1);
    const ts = String(standIn.messagesIn(ADVOCATES)[0]?.ts);

    await standIn.clickButton(BOB, ADVOCATES, ts, 'escalation_claim');
    await standIn.waitFor(() => standIn.messagesIn(ADVOCATES)[0]?.text === `ADV-1 claimed by ${BOB}`);

    await standIn.addReaction(BOB, ADVOCATES, ts, 'eyes');
    await standIn.waitFor(() => standIn.threadOf(ADVOCATES, ts).length === 1);
    expect(standIn.messagesIn(ADVOCATES)[0]?.reactions).toEqual([{ name: 'eyes', users: [BOB], count: 1 }]);
  });

  it('refuses to submit a modal with a required input left empty, as the client would', async () => {
    await standIn.runSlashCommand(BOB, ADVOCATES, '');
    await standIn.waitFor(() => standIn.openViews().length === 1);
    await expect(standIn.submitView(BOB, String(standIn.openViews()[0]?.id))).rejects.toThrow(/required/);
  });

  it('runs the message shortcut and opens the home tab', async () => {
    await standIn.runSlashCommand(BOB, ADVOCATES, '');
    await standIn.waitFor(() => standIn.openViews().length === 1);
    await standIn.submitView(BOB, String(standIn.openViews()[0]?.id), { summary: { summary_input: 'Acme' } });
    await standIn.waitFor(() => standIn.messagesIn(ADVOCATES).length === 1);
    await standIn.runMessageShortcut(BOB, ADVOCATES, String(standIn.messagesIn(ADVOCATES)[0]?.ts), 'flag_for_advocacy');
    await standIn.waitFor(() => standIn.ephemeralsFor(BOB).length === 1);
    expect(standIn.ephemeralsFor(BOB)[0]?.text).toBe('flagging "Acme"');

    await standIn.openHome(BOB);
    await standIn.waitFor(() => standIn.homeOf(BOB) !== undefined);
    expect(standIn.homeOf(BOB)).toMatchObject({ type: 'home', blocks: [{ type: 'divider' }] });
  });

  it('is rejected by Bolt when the signature is wrong', async () => {
    standIn.connectApp(appUrl, 'wrong');
    const res = await standIn.runSlashCommand(BOB, ADVOCATES, 'x');
    standIn.connectApp(appUrl, SECRET);
    expect(res?.status).toBe(401);
  });
});
