import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import Sqlite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { spawnApp, startApp, type TAppProcess } from '../support/app-process';
import { testProviders } from '../support/databases';

/**
 * A supervisor restarts Advocate the moment it dies (systemd's Restart=always, Docker's restart policy, a rescheduled
 * pod with a new host name): the restart must find the SQLite file free, however the last run ended.
 */
describe.skipIf(!testProviders().includes('sqlite'))('npm start on SQLite, killed and restarted at once', () => {
  let slack: SlackStandIn;
  let dir: string;
  let file: string;
  let env: Record<string, string>;
  const apps: TAppProcess[] = [];
  beforeAll(async () => {
    slack = await startSlackStandIn();
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-restart-'));
    file = path.join(dir, 'advocate.db');
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: `file:${file}`,
      PORT: '0',
    };
  });
  afterEach(() => {
    for (const app of apps.splice(0)) app.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (extra: Record<string, string> = {}) => {
    const app = await startApp({ ...env, ...extra });
    apps.push(app);
    slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
    return app;
  };
  /** SIGKILL, and the supervisor's restart as soon as it sees the exit. */
  const killAndRestart = async (app: TAppProcess) => {
    app.child.kill('SIGKILL');
    await app.exited;
    return start();
  };
  const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

  it('starts again right after SIGKILL, ten times in a row', async () => {
    let app = await start();
    for (let round = 0; round < 10; round++) {
      app = await killAndRestart(app);
      expect(await healthy(app.port), `restart ${round + 1}`).toBe(200);
    }
  }, 120_000);

  it('is not held back by a lock file of the old kind, from another host or with a pid that is alive again', async () => {
    for (const legacy of [`4242 ${hostname()}-gone\n`, `${process.pid} ${hostname()}\n`]) {
      writeFileSync(`${file}.lock`, legacy);
      const app = await start();
      expect(await healthy(app.port)).toBe(200);
      app.child.kill('SIGKILL');
      await app.exited;
    }
  }, 60_000);

  it('refuses a second live instance, also through a hard link to the same file, with one line', async () => {
    const first = await start();
    const linked = path.join(dir, 'same-file.db');
    rmSync(linked, { force: true });
    linkSync(file, linked);
    for (const url of [`file:${file}`, `file:${linked}`]) {
      const second = spawnApp({ ...env, DATABASE_URL: url });
      expect(await second.exited).toBe(1);
      const lines = second.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^advocate: .*\\.db is in use by another Advocate \\(pid ${first.child.pid}, holding .*\\.lock\\)`),
      );
    }
    expect(await healthy(first.port)).toBe(200);
    rmSync(linked);
  }, 60_000);

  it('sends a card a killed run was posting at once on restart, instead of after its 60 s lease, and only once', async () => {
    const app = await start();
    const before = slack.messagesIn(Channels.advocates).length;
    // Slack takes the card but answers only after the process is gone.
    slack.failNext('chat.postMessage', { delayMs: 1_500 });
    await slack.runSlashCommand(People.agent, Channels.support, 'refunds stuck for a week');
    const reader = new Sqlite(file, { readonly: true });
    const leasedCard = () =>
      reader.prepare(`SELECT "id" FROM "OutboxMessage" WHERE "kind" = 'card.post' AND "status" = 'pending'`).get();
    await expect.poll(leasedCard, { timeout: 10_000 }).toBeTruthy();
    const restarted = await killAndRestart(app);
    const cardRecorded = () =>
      reader.prepare(`SELECT "cardTs" FROM "Escalation" WHERE "cardTs" IS NOT NULL`).get() !== undefined;
    // Well inside the 60 s a dead run's lease would have kept the card waiting.
    await expect.poll(cardRecorded, { timeout: 20_000, interval: 200 }).toBe(true);
    reader.close();
    const cards = slack
      .messagesIn(Channels.advocates)
      .slice(before)
      .filter((message) => String((message as { text: string }).text).includes('refunds stuck for a week'));
    expect(cards).toHaveLength(1);
    // The card and the agent's confirmation, both still leased to the killed run.
    expect(restarted.output()).toContain('took back 2 outbox message(s)');
  }, 60_000);
});
