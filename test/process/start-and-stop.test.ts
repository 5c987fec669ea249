import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../src/slack-standin';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

interface TProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  port: number;
}

/** `npm start`'s entry point as its own process, the way an admin runs it. */
async function startProcess(env: Record<string, string>): Promise<TProcess> {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running in \w+ mode on port (\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 25);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code} before starting:\n${output}`));
    });
  });
  return { child, output: () => output, exited, port };
}

describe('the process', () => {
  it('refuses to start on a bad variable with one line naming it', async () => {
    const child = spawn(tsx, ['src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'secret-123456',
        ADVOCATE_CHANNEL_ID: 'C0ADVOCATE',
        PORT: 'eighty',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['advocate: PORT is "eighty": expected a port number from 0 to 65535']);
  });
});

describe.each(testProviders())('npm start against a fake Slack on %s', (provider) => {
  let slack: SlackStandIn;
  let database: TTestDatabase;
  let running: TProcess;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    database = await createTestDatabase(provider);
    running = await startProcess({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: database.url,
      PORT: '0',
    });
    slack.connectApp(`http://127.0.0.1:${running.port}/slack/events`, SIGNING_SECRET);
  }, 60_000);
  afterAll(async () => {
    running.child.kill('SIGKILL');
    await slack.close();
    await database.drop();
  });

  it('migrates the empty database, answers health checks and posts a card for a flag', async () => {
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
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

  it('on SIGTERM stops accepting, finishes the work in flight, closes the database and exits 0', async () => {
    slack.failNext('chat.postMessage', { delayMs: 1_500 });
    const ack = await slack.runSlashCommand(People.agent, Channels.support, 'refunds take three weeks');
    expect(ack?.status).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('SIGTERM: finishing in-flight work');
    expect(running.output()).toContain('stopped cleanly');
    expect(slack.messagesIn(Channels.advocates).map((message) => (message as { text: string }).text)).toContain(
      'ADV-2 (medium, open): refunds take three weeks',
    );
    await expect(fetch(`http://127.0.0.1:${running.port}/healthz`)).rejects.toThrow();
  });
});
