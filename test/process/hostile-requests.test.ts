import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { rawRequest, spawnApp, startApp, type TAppProcess } from '../support/app-process';

/** Node runs the app itself (tsx is only a loader), so the child is the app. */
const killApp = (app: TAppProcess) => app.child.kill('SIGKILL');

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const BAD_TARGETS = ['//', '///', '//@', '//[', '//x:99999', '//a:b@c:99999/healthz'];

describe('one process on one SQLite file, against hostile requests', () => {
  let slack: SlackStandIn;
  let dir: string;
  let app: TAppProcess & { port: number };
  let env: Record<string, string>;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-hostile-'));
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: `file:${path.join(dir, 'advocate.db')}`,
      PORT: '0',
      // Bolt logs whole request bodies at debug: the level at which a secret would leak.
      LOG_LEVEL: 'debug',
    };
    app = await startApp(env);
    slack.connectApp(`http://127.0.0.1:${app.port}/slack/events`, SIGNING_SECRET);
  }, 60_000);
  afterAll(async () => {
    if (app) killApp(app);
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers request targets that are not URL paths with 400 and keeps serving', async () => {
    for (const target of BAD_TARGETS) {
      expect(await rawRequest(app.port, `GET ${target} HTTP/1.1`), target).toBe(400);
      expect(await rawRequest(app.port, `POST ${target} HTTP/1.1`), target).toBe(400);
    }
    expect(app.alive()).toBe(true);
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });

  it('keeps the tokens and the signing secret out of its log, even at debug', async () => {
    const ack = await slack.runSlashCommand(People.agent, Channels.support, 'list');
    expect(ack?.status).toBe(200);
    await slack.waitFor(() => slack.callsTo('response_url').length > 0, 5_000);
    expect(app.output()).toContain('DEBUG'); // it did log at debug
    expect(app.output()).not.toContain(slack.botToken);
    expect(app.output()).not.toContain(SIGNING_SECRET);
    expect(app.output()).not.toContain('standin-verification-token');
  });

  it('refuses a second process on the same SQLite file with one line naming it', async () => {
    const second = spawnApp({ ...env, PORT: '0', LOG_LEVEL: 'info' });
    expect(await second.exited).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    const file = path.join(dir, 'advocate.db');
    expect(lines[0]).toContain(`${file} is in use by another Advocate (pid ${app.child.pid}, `);
    expect(app.alive()).toBe(true);
  });

  it('takes over the lock of a process that was killed', async () => {
    const pid = app.child.pid!;
    killApp(app);
    await app.exited;
    await expect.poll(() => isRunning(pid), { timeout: 5_000 }).toBe(false);
    app = await startApp({ ...env, LOG_LEVEL: 'info' });
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });
});

describe('the sandbox, against hostile requests', () => {
  let dir: string;
  let sandbox: TAppProcess & { port: number };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-hostile-sandbox-'));
    env = { DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}`, PORT: '0' };
    sandbox = await startApp(env);
  }, 60_000);
  afterAll(() => {
    if (sandbox) killApp(sandbox);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers bad paths and bad %-escapes with 400 and keeps serving the page', async () => {
    for (const target of BAD_TARGETS)
      expect(await rawRequest(sandbox.port, `GET ${target} HTTP/1.1`), target).toBe(400);
    expect(await rawRequest(sandbox.port, 'GET /sandbox/assets/%E0 HTTP/1.1')).toBe(400);
    expect(await rawRequest(sandbox.port, 'GET /sandbox/vendor/%E0%A4 HTTP/1.1')).toBe(400);
    expect(sandbox.alive()).toBe(true);
    expect((await fetch(`http://127.0.0.1:${sandbox.port}/sandbox`)).status).toBe(200);
  });

  it('refuses a second sandbox on the same SQLite file', async () => {
    const second = spawnApp(env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`${path.join(dir, 'sandbox.db')} is in use by another Advocate`);
  });
});

describe('start-up failures', () => {
  it('masks the password of DATABASE_URL in what it prints', async () => {
    const failed = spawnApp({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      // Nothing listens on port 1: connecting fails at once.
      DATABASE_URL: 'postgresql://advocate:hunter2-secret@127.0.0.1:1/advocate',
      PORT: '0',
    });
    expect(await failed.exited).toBe(1);
    expect(failed.output()).not.toContain('hunter2-secret');
    const malformed = spawnApp({ DATABASE_URL: 'mysql://advocate:hunter2-secret@db/advocate', PORT: '0' });
    expect(await malformed.exited).toBe(1);
    expect(malformed.output()).not.toContain('hunter2-secret');
    expect(malformed.output()).toContain('DATABASE_URL is');
  });
});
