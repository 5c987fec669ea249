import { signSlackRequest, slashCommandBody } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';

/** Requests Advocate must not simply trust: copies of signed requests, and timestamps outside Slack's window. */
describe.each(testProviders())('requests that should not be trusted, on %s', (provider) => {
  const t = useTestApp(provider);

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
});
