import { readFileSync } from 'node:fs';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';
import { childCommands, serviceCommand, spawnApp, type TAppProcess } from './production-runtime';

describe('the process', () => {
  it('refuses to start on a bad variable with one line naming it', async () => {
    // The service command (what a systemd unit runs), so no npm lines surround the app's own.
    const app = spawnApp(
      {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'secret-123456',
        ADVOCATE_CHANNEL_ID: 'C0ADVOCATE',
        PORT: 'eighty',
      },
      { direct: true },
    );
    expect(await app.exited).toBe(1);
    expect(app.output().trim().split('\n')).toEqual([
      'advocate: PORT is "eighty": expected a port number from 0 to 65535',
    ]);
  });
});

describe.each(testProviders())('npm start against a fake Slack on %s', (provider) => {
  let slack: SlackStandIn;
  let database: TTestDatabase;
  let running: TAppProcess;
  let port: number;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    database = await createTestDatabase(provider);
    running = spawnApp({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: database.url,
      PORT: '0',
    });
    port = await running.started;
    slack.connectApp(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
  }, 60_000);
  afterAll(async () => {
    for (const { pid } of childCommands(running.child.pid!)) process.kill(pid, 'SIGKILL');
    running.child.kill('SIGKILL');
    await slack.close();
    await database.drop();
  });

  it('runs the compiled app: npm’s only child is node on dist/main.js, with no TypeScript loader', () => {
    const children = childCommands(running.child.pid!);
    // `exec` in the start script replaced the shell, so npm's signals reach node itself.
    expect(children.map((child) => child.argv.slice(1))).toEqual([serviceCommand().slice(1)]);
    const app = children[0]!;
    expect(app.argv[app.argv.length - 1]).toBe('dist/main.js');
    const environment = readFileSync(`/proc/${app.pid}/environ`, 'utf8');
    expect(`${app.argv.join(' ')}\n${environment}`).not.toMatch(/tsx/);
  });

  it('migrates the empty database, answers health checks and posts a card for a flag', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });
    const started = Date.now();
    await slack.runSlashCommand(People.agent, Channels.support, '!high #billing customer:"Acme Corp" double charged');
    // The start-up catch-up may post today's digest too; the card is the message that names ADV-1.
    const cards = () =>
      (slack.messagesIn(Channels.advocates) as { text: string }[]).filter((message) => message.text.startsWith('ADV-'));
    await slack.waitFor(() => cards().length === 1, 5_000);
    const cardMs = Date.now() - started;
    expect(cards()[0]!.text).toBe('ADV-1 (high, open) for Acme Corp: double charged');
    console.info(`card posted ${cardMs} ms after the slash command (${provider})`);
  });

  it('on SIGTERM to npm stops accepting, finishes the work in flight, closes the database and exits 0', async () => {
    slack.failNext('chat.postMessage', { delayMs: 1_500 });
    const ack = await slack.runSlashCommand(People.agent, Channels.support, 'refunds take three weeks');
    expect(ack?.status).toBe(200);
    const [app] = childCommands(running.child.pid!);
    const appExited = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          process.kill(app!.pid, 0);
        } catch {
          clearInterval(timer);
          resolve();
        }
      }, 25);
    });
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    await appExited;
    expect(running.output()).toContain('SIGTERM: finishing in-flight work');
    expect(running.output()).toContain('stopped cleanly');
    expect(slack.messagesIn(Channels.advocates).map((message) => (message as { text: string }).text)).toContain(
      'ADV-2 (medium, open): refunds take three weeks',
    );
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
