import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  eventCallbackBody,
  postToApp,
  reactionAddedEvent,
  type SlackStandIn,
  startSlackStandIn,
} from '@advocate/slack-standin';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { startApp, type TAppProcess } from '../support/app-process';
import { testProviders } from '../support/databases';

/**
 * A reaction whose work outlasts Slack's 3 seconds (Slack slow to say who the advocates are, a database that hangs),
 * and a process killed before it is done: Slack must be told to retry, and the retry must apply it.
 */
describe.skipIf(!testProviders().includes('sqlite'))('a reaction the process could not finish', () => {
  let slack: SlackStandIn;
  let dir: string;
  let file: string;
  let app: TAppProcess & { port: number };
  beforeAll(async () => {
    slack = await startSlackStandIn();
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-reaction-retry-'));
    file = path.join(dir, 'advocate.db');
  });
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async () => {
    app = await startApp({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: `file:${file}`,
      PORT: '0',
    });
    slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
  };
  const escalation = () => {
    const reader = new Sqlite(file, { readonly: true });
    try {
      return reader.prepare('SELECT "status", "ownerId", "cardTs" FROM "Escalation" WHERE "id" = 1').get() as
        | { status: string; ownerId: string | null; cardTs: string | null }
        | undefined;
    } finally {
      reader.close();
    }
  };

  it('answers 503 while the work runs, and the retry after a kill applies the reaction once', async () => {
    await start();
    await slack.runSlashCommand(People.agent, Channels.support, '!high customer:Initech exports fail');
    await expect.poll(() => escalation()?.cardTs ?? null, { timeout: 10_000 }).toBeTruthy();
    const body = eventCallbackBody({
      eventId: 'Ev0SLOWLOOKUP',
      eventTime: Math.floor(Date.now() / 1000),
      event: reactionAddedEvent({
        user: People.advocate,
        reaction: 'eyes',
        channel: Channels.advocates,
        ts: escalation()!.cardTs!,
      }),
    });
    const url = () => `http://127.0.0.1:${app.port}/slack/events`;
    // Slack takes 8 s to say who the reactor is (the flag above already looked the advocates up): the claim cannot be
    // done within the 3 s Slack waits.
    slack.failNext('users.info', { delayMs: 8_000 });
    const first = await postToApp(url(), SIGNING_SECRET, body, 'application/json');
    expect(first.status).toBe(503);
    // The process dies before it is done (a liveness probe, an OOM kill) and is restarted at once.
    app.child.kill('SIGKILL');
    await app.exited;
    expect(escalation()?.status).toBe('open');
    await start();
    const retry = await postToApp(url(), SIGNING_SECRET, body, 'application/json', {
      'X-Slack-Retry-Num': '1',
      'X-Slack-Retry-Reason': 'http_error',
    });
    expect(retry.status).toBe(200);
    expect(escalation()).toMatchObject({ status: 'claimed', ownerId: People.advocate });
    // A further retry finds it applied and changes nothing.
    const again = await postToApp(url(), SIGNING_SECRET, body, 'application/json', {
      'X-Slack-Retry-Num': '2',
      'X-Slack-Retry-Reason': 'http_error',
    });
    expect(again.status).toBe(200);
    const reader = new Sqlite(file, { readonly: true });
    const claims = reader
      .prepare(`SELECT count(*) AS n FROM "TimelineEntry" WHERE "escalationId" = 1 AND "action" = 'claimed'`)
      .get();
    reader.close();
    expect(claims).toEqual({ n: 1 });
  }, 60_000);
});
