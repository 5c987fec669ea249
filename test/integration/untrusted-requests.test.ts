import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  blockActionsBody,
  postToApp,
  signSlackRequest,
  slashCommandBody,
  viewSubmissionBody,
} from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, SIGNING_SECRET, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { dmChannelOf } from '../support/slack-text';

/** Requests Advocate must not simply trust: copies of signed requests, and timestamps outside Slack's window. */
describe.each(testProviders())('requests that should not be trusted, on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });

  const flagBody = (summary: string) =>
    slashCommandBody({
      command: '/advocate',
      text: summary,
      userId: People.agent,
      userName: 'alice',
      channelName: 'support',
      channelId: Channels.support,
      responseUrl: t.slack.createResponseUrl({ channelId: Channels.support, userId: People.agent }),
      triggerId: t.slack.issueTrigger(People.agent),
    });
  const send = (body: string, headers: Record<string, string>) =>
    fetch(t.eventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  const flagged = (summary: string) => t.app.db.prisma.escalation.count({ where: { summary } });

  it('does a signed request replayed byte for byte within 5 minutes once', async () => {
    const body = flagBody('customer:Initech the export never finishes');
    const headers = { ...signSlackRequest(SIGNING_SECRET, body) };
    expect((await send(body, headers)).status).toBe(200);
    await t.settle();
    const replayed = await send(body, headers);
    await t.settle();
    expect(replayed.status).toBe(200);
    expect(await flagged('the export never finishes')).toBe(1);
    expect(t.slack.messagesIn(Channels.advocates)).toHaveLength(1);

    // The same words typed again are a new request (Slack signs each one afresh): flagged again.
    const again = flagBody('customer:Initech the export never finishes');
    expect((await send(again, { ...signSlackRequest(SIGNING_SECRET, again) })).status).toBe(200);
    await t.settle();
    expect(await flagged('the export never finishes')).toBe(2);
  });

  it('refuses a request timestamped more than 5 minutes ahead with 401, like one 5 minutes old', async () => {
    const body = flagBody('customer:Initech invoices arrive twice');
    for (const offset of [+301, -301]) {
      const response = await send(body, {
        ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + offset),
      });
      expect(response.status).toBe(401);
    }
    const ahead = await send(body, { ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + 600) });
    expect(await ahead.json()).toEqual({
      error: "the request's timestamp is more than 5 minutes ahead of this server's clock",
    });
    await t.settle();
    expect(await flagged('invoices arrive twice')).toBe(0);
    // Within the window either way is fine: clocks drift.
    const skewed = await send(body, { ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) + 60) });
    expect(skewed.status).toBe(200);
    await t.settle();
    expect(await flagged('invoices arrive twice')).toBe(1);
  });

  const FORM = 'application/x-www-form-urlencoded' as const;
  const press = (actionId: string, value: string, responseUrl?: string) =>
    postToApp(
      t.eventsUrl,
      SIGNING_SECRET,
      blockActionsBody({
        user: { id: People.advocate, name: 'bob' },
        channel: { id: Channels.advocates, name: 'advocates' },
        container: {
          type: 'message',
          message_ts: '1700000000.000100',
          channel_id: Channels.advocates,
          is_ephemeral: false,
        },
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value }],
        responseUrl:
          responseUrl ?? t.slack.createResponseUrl({ channelId: Channels.advocates, userId: People.advocate }),
        triggerId: t.slack.issueTrigger(People.advocate),
      }),
      FORM,
    );
  const submit = (callbackId: string, metadata: unknown) =>
    postToApp(
      t.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionBody({
        user: { id: People.agent, name: 'alice' },
        view: {
          id: 'V0FORM0001',
          type: 'modal',
          callback_id: callbackId,
          private_metadata: JSON.stringify(metadata),
          state: {
            values: {
              summary: { value: { type: 'plain_text_input', value: 'Refunds take three weeks' } },
              customer: { value: { type: 'plain_text_input', value: 'Initech' } },
            },
          },
        },
        triggerId: t.slack.issueTrigger(People.agent),
      }),
      FORM,
    );
  const latest = async () => t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const lastEphemeral = (user: string) => t.slack.ephemeralsFor(user).at(-1)?.text;

  it('answers a button it no longer reads, or no longer has, privately: "this button is out of date"', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:Initech refunds are late');
    await t.settle();
    const { id } = await latest();
    for (const [actionId, value] of [
      ['escalation_resolve', 'ADV-1'],
      ['escalation_resolve', JSON.stringify({ escalation: id })],
      ['escalation_archive', JSON.stringify({ escalationId: id })],
    ] as const) {
      expect((await press(actionId, value)).status).toBe(200);
      await t.settle();
      expect(lastEphemeral(People.advocate)).toBe(
        'This button is out of date, so nothing was changed. Use the buttons on the latest card or message, or `/advocate help`.',
      );
    }
    expect(t.slack.ephemeralsFor(People.advocate)).toHaveLength(3);
    expect(await latest()).toMatchObject({ id, status: 'open' });
  });

  it('refuses a form it never opens, in the form, and stores nothing', async () => {
    const before = await t.escalationCount();
    const response = await submit('advocate_intake_v0', { channelId: Channels.support });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(response.json)).toContain('This form is out of date, so nothing was saved');
    await t.settle();
    expect(await t.escalationCount()).toBe(before);
  });

  it("uses response_urls only on Slack's hosts (or SLACK_API_URL's): a press naming another is dropped", async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:Initech the login page is blank');
    await t.settle();
    const { id } = await latest();
    const response = await press(
      'escalation_claim',
      JSON.stringify({ escalationId: id }),
      'https://attacker.example/hook',
    );
    expect(response.status).toBe(200);
    await t.settle();
    expect(await latest()).toMatchObject({ id, status: 'open', ownerId: null });
    expect(t.slack.ephemeralsFor(People.advocate)).toEqual([]);
    expect(elsewhere.hits).toBe(0);
  });

  /** Somewhere that is not Slack, answering 200 to anything and counting what it was sent. */
  const elsewhere = { hits: 0, url: '' };
  const server = createServer((_req, res) => {
    elsewhere.hits++;
    res.end('ok');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    elsewhere.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a form whose private_metadata names a response_url off Slack's hosts by DM instead", async () => {
    const response = await submit('advocate_intake', { channelId: Channels.support, responseUrl: elsewhere.url });
    expect(response.status).toBe(200);
    await t.settle();
    expect(await latest()).toMatchObject({ summary: 'Refunds take three weeks', reporterId: People.agent });
    const dms = t.slack.messagesIn(dmChannelOf(People.agent)) as Array<{ text: string }>;
    expect(dms.at(-1)?.text).toMatch(/ADV-\d+/);
    expect(elsewhere.hits).toBe(0);
  });
});
