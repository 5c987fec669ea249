import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_STILL_SAVING_MESSAGE } from '../../src/slack/commands/advocate-command';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { startApp, type TAppProcess } from '../support/app-process';
import { createTestDatabase, testProviders } from '../support/databases';
import { dmChannelOf } from '../support/slack-text';

/** What an agent is told about a flag when the process dies, or the database stalls, while it is being taken. */
describe.skipIf(!testProviders().includes('sqlite'))('a flag taken by a process that is killed or stalled', () => {
  let slack: SlackStandIn;
  let dir: string;
  let file: string;
  const apps: TAppProcess[] = [];
  const holders: Sqlite.Database[] = [];
  beforeAll(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(() => {
    for (const holder of holders.splice(0)) if (holder.open) holder.close();
    for (const app of apps.splice(0)) app.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await slack?.close();
  });

  const start = async () => {
    const app = await startApp({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: `file:${file}`,
      PORT: '0',
      HEALTH_PROBE_FAILURES_TO_EXIT: '0',
    });
    apps.push(app);
    slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
    return app;
  };
  const fresh = () => {
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-crash-flag-'));
    file = path.join(dir, 'advocate.db');
    slack.reset();
  };

  it('tells the agent the id of a flag stored just before the process was killed, once it is back', async () => {
    fresh();
    const app = await start();
    // The card post hangs, so the process dies after the flag committed and before it answered the agent.
    slack.failNext('chat.postMessage', { delayMs: 10_000 });
    const ack = await slack.runSlashCommand(People.agent, Channels.support, 'invoices doubled after the upgrade');
    expect(ack?.status).toBe(200);
    const reader = new Sqlite(file, { readonly: true });
    await expect.poll(() => reader.prepare('SELECT "id" FROM "Escalation"').get(), { timeout: 10_000 }).toBeTruthy();
    reader.close();
    app.child.kill('SIGKILL');
    await app.exited;
    await start();
    const confirmations = () =>
      (slack.messagesIn(dmChannelOf(People.agent)) as { text: string }[]).filter((message) =>
        message.text.startsWith('ADV-1 '),
      );
    await slack.waitFor(() => confirmations().length > 0, 20_000);
    expect(confirmations()).toHaveLength(1);
  }, 60_000);
});

describe.skipIf(!testProviders().includes('postgresql'))('a flag taken while PostgreSQL hangs', () => {
  it('is acknowledged by saying it is not stored yet, not with an empty 200; if it is stored after all, its id is queued', async () => {
    const slack = await startSlackStandIn();
    const database = await createTestDatabase('postgresql');
    const app = await startApp({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: database.url,
      PORT: '0',
    });
    const holder = new pg.Client({ connectionString: database.url });
    try {
      slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
      await holder.connect();
      // A first flag warms the process up (its first query compiles), so the next one's ack is timed by the hang alone.
      await slack.runSlashCommand(People.agent, Channels.support, 'a first flag before the hang');
      await expect
        .poll(async () => (await holder.query('SELECT count(*)::int AS n FROM "Escalation"')).rows[0].n)
        .toBe(1);
      // Every write to escalations waits behind this lock: the database hangs, as far as a flag can tell.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE "Escalation" IN ACCESS EXCLUSIVE MODE');
      const ack = await slack.runSlashCommand(People.agent, Channels.support, 'flagged while the database hangs');
      expect(ack?.status).toBe(200);
      expect(JSON.parse(ack!.text).text).toBe(FLAG_STILL_SAVING_MESSAGE);
      // Killed in that window (a liveness probe during the hang): nothing was stored, and nothing said it was.
      app.child.kill('SIGKILL');
      await app.exited;
      await holder.query('ROLLBACK');
      // PostgreSQL may still run the flag's statement once the lock is gone (it does not notice a dead client while it
      // waits): then its confirmation was queued with it, for the next start to send; or nothing was stored at all.
      // Either way the acknowledgement told the truth.
      const { rows } = await holder.query(
        `SELECT e."id", (SELECT count(*)::int FROM "OutboxMessage" o
                         WHERE o."kind" = 'flag.confirmation' AND o."status" = 'pending'
                           AND o."dedupeKey" = 'escalation:' || e."id" || ':confirmation') AS "queued"
         FROM "Escalation" e WHERE e."summary" = 'flagged while the database hangs'`,
      );
      expect(rows.every((row: { queued: number }) => row.queued === 1)).toBe(true);
      expect(rows.length).toBeLessThanOrEqual(1);
    } finally {
      app.child.kill('SIGKILL');
      await holder.end().catch(() => {});
      await slack.close();
      await database.drop();
    }
  }, 60_000);
});
