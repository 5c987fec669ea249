import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import Sqlite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../src/slack/kit/respond-with-error';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { startApp, type TAppProcess } from '../support/app-process';
import { testProviders } from '../support/databases';

const WITHIN = 5_000;

/**
 * Another connection holding SQLite's write lock (`BEGIN EXCLUSIVE`, as a stuck CLI or an operator's sqlite3 shell
 * would) is the database hang a test can create: every write of the app waits on it.
 */
describe.skipIf(!testProviders().includes('sqlite'))(
  'npm start on SQLite whose write lock another process holds',
  () => {
    let slack: SlackStandIn;
    let dir: string;
    const apps: TAppProcess[] = [];
    const holders: Sqlite.Database[] = [];
    beforeAll(async () => {
      slack = await startSlackStandIn();
      dir = mkdtempSync(path.join(tmpdir(), 'advocate-stuck-'));
    });
    afterEach(() => {
      for (const holder of holders.splice(0)) if (holder.open) holder.close();
      for (const app of apps.splice(0)) {
        app.child.kill('SIGKILL');
      }
    });
    afterAll(async () => {
      await slack?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const start = async (env: Record<string, string>) => {
      const app = await startApp({
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        ADVOCATE_CHANNEL_ID: Channels.advocates,
        DATABASE_URL: `file:${path.join(dir, 'advocate.db')}`,
        PORT: '0',
        HEALTH_PROBE_INTERVAL_SECONDS: '1',
        ...env,
      });
      apps.push(app);
      slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
      return app;
    };
    const holdWriteLock = () => {
      const holder = new Sqlite(path.join(dir, 'advocate.db'));
      holder.exec('BEGIN EXCLUSIVE');
      holders.push(holder);
      return () => {
        holder.exec('COMMIT');
        holder.close();
      };
    };
    const health = async (port: number) => {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(WITHIN) });
      return { status: response.status, body: await response.json(), ms: Date.now() - started };
    };
    const answersTo = (userId: string) => slack.ephemeralsFor(userId).map((answer) => answer.text);

    it('says 503 within its deadline and answers commands "try again" while locked, and recovers when released', async () => {
      const app = await start({ HEALTH_PROBE_FAILURES_TO_EXIT: '0' });
      expect((await health(app.port)).status).toBe(200);
      const release = holdWriteLock();

      const locked = await health(app.port);
      expect(locked.status).toBe(503);
      expect(locked.body).toMatchObject({ status: 'error', db: expect.stringMatching(/^unavailable: /) });
      expect(locked.ms).toBeLessThan(WITHIN);

      const before = answersTo(People.agent).length;
      await slack.runSlashCommand(People.agent, Channels.support, 'flagged while the database is locked');
      await slack.waitFor(() => answersTo(People.agent).length > before, 10_000);
      expect(answersTo(People.agent).at(-1)).toBe(DATABASE_UNAVAILABLE_MESSAGE);

      release();
      expect((await health(app.port)).status).toBe(200);
      await slack.runSlashCommand(People.agent, Channels.support, 'flagged after the lock was released');
      await slack.waitFor(() => answersTo(People.agent).some((text) => text.includes('ADV-1')), 10_000);
      expect(app.alive()).toBe(true);
      // The one-line log of the failure, not Prisma's code frame of our source.
      const failureLines = app
        .output()
        .split('\n')
        .filter((line) => line.includes('database unavailable'));
      expect(failureLines.length).toBeGreaterThan(0);
      for (const line of failureLines) expect(line.length).toBeLessThan(500);
    }, 60_000);

    it('exits 1 with one line saying why after its health probes keep failing, so the supervisor restarts it', async () => {
      const app = await start({ HEALTH_PROBE_FAILURES_TO_EXIT: '2' });
      holdWriteLock();
      const code = await Promise.race([
        app.exited,
        new Promise((resolve) => setTimeout(() => resolve('running'), 20_000)),
      ]);
      expect(code).toBe(1);
      expect(app.output()).toMatch(
        /the database failed 2 health probes in a row: .*; exiting so the supervisor restarts/,
      );
    }, 30_000);

    it('exits within SHUTDOWN_TIMEOUT_SECONDS of SIGTERM even when the work it waits for hangs', async () => {
      const app = await start({ HEALTH_PROBE_FAILURES_TO_EXIT: '0', SHUTDOWN_TIMEOUT_SECONDS: '2' });
      // Slack holds the card post for 30 s (the client gives up after 10 s): draining would wait for it.
      slack.failNext('chat.postMessage', { delayMs: 30_000 });
      await slack.runSlashCommand(People.agent, Channels.support, 'flagged just before shutdown');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalled = Date.now();
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(8_000);
      expect(app.output()).toContain('shutdown did not finish within 2 s; exiting anyway');
    }, 30_000);
  },
);
