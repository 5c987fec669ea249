import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import {
  eventCallbackBody,
  postToApp,
  reactionAddedEvent,
  type SlackStandIn,
  startSlackStandIn,
} from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../src/core/shared/db/client';
import { Channels, People, SIGNING_SECRET } from '../support/app-harness';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';
import { serviceCommand } from './production-runtime';

const root = path.resolve(import.meta.dirname, '..', '..');

interface TReplica {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** A replica as a service manager runs it: the README's command, `node … dist/main.js`, without npm. */
function startReplica(env: Record<string, string>): Promise<TReplica> {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root });
  const [node, ...args] = serviceCommand();
  const child = spawn(node!, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running in \w+ mode on port (\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    }, 25);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`replica exited with ${code}:\n${output}`));
    });
  });
}

// Replicas share one database server; SQLite is one file owned by one process, so this runs on PostgreSQL only.
const providers = testProviders().filter((provider) => provider === 'postgresql');

describe.skipIf(providers.length === 0)('two replicas on one PostgreSQL', () => {
  let slack: SlackStandIn;
  let database: TTestDatabase;
  let db: TDatabase;
  let replicas: TReplica[];

  beforeAll(async () => {
    slack = await startSlackStandIn();
    database = await createTestDatabase('postgresql');
    const env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      DATABASE_URL: database.url,
      PORT: '0',
      // A schedule whose latest run today has passed: each replica's start-up catch-up and minute tick want to send it.
      OPEN_DIGEST_CRON: '0 0 * * *',
      NPS_DIGEST_CRON: '0 0 * * *',
      DIGEST_TZ: 'UTC',
      LOG_LEVEL: 'info',
    };
    // Started together, so both apply migrations and fire their schedules at the same moment.
    replicas = await Promise.all([startReplica(env), startReplica(env)]);
    slack.connectApp(`http://127.0.0.1:${replicas[0]!.port}/slack/events`, SIGNING_SECRET);
    db = openDatabase(database.url);
  }, 90_000);

  afterAll(async () => {
    for (const replica of replicas ?? []) replica.child.kill('SIGKILL');
    await db?.close();
    await slack?.close();
    await database?.drop();
  });

  it('runs on different ports against one database, migrated once', async () => {
    expect(replicas[0]!.port).not.toBe(replicas[1]!.port);
    for (const replica of replicas) expect((await fetch(`http://127.0.0.1:${replica.port}/healthz`)).status).toBe(200);
    const { rows } = await import('pg').then(async ({ default: pg }) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const result = await client.query('SELECT migration_name FROM _prisma_migrations');
      await client.end();
      return result;
    });
    expect(new Set(rows.map((row: { migration_name: string }) => row.migration_name)).size).toBe(rows.length);
  });

  it('posts each scheduled digest once although both replicas fire it', async () => {
    const digests = () =>
      (slack.messagesIn(Channels.advocates) as { text: string }[]).filter(
        (message) => message.text && !message.text.startsWith('ADV-'),
      );
    await slack.waitFor(() => digests().length > 0, 20_000);
    // Give the slower replica every chance to post a duplicate, past its own catch-up and a minute tick.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const deliveries = await db.prisma.delivery.findMany({ where: { channelId: Channels.advocates } });
    const kinds = deliveries.map((delivery) => delivery.kind).sort();
    expect(kinds).toEqual([...new Set(kinds)]);
    expect(deliveries.every((delivery) => delivery.status === 'sent')).toBe(true);
    expect(digests()).toHaveLength(deliveries.length);
    // The weekly report's chart is uploaded once too.
    expect(slack.files().filter((file) => file.channelId === Channels.advocates)).toHaveLength(
      kinds.filter((kind) => kind === 'nps').length,
    );
  });

  it('applies an event delivered to both replicas once, with one thread line', async () => {
    await slack.runSlashCommand(
      People.agent,
      Channels.support,
      '!low #billing customer:Initech invoice totals are off',
    );
    await slack.waitFor(
      () =>
        slack.messagesIn(Channels.advocates).some((message) => (message as { text: string }).text.startsWith('ADV-1 ')),
      10_000,
    );
    const card = (slack.messagesIn(Channels.advocates) as { text: string; ts: string }[]).find((message) =>
      message.text.startsWith('ADV-1 '),
    )!;
    const body = eventCallbackBody({
      eventId: 'Ev0REPLICA01',
      eventTime: Math.floor(Date.now() / 1000),
      event: reactionAddedEvent({
        user: People.advocate,
        reaction: 'arrow_double_up',
        channel: Channels.advocates,
        ts: card.ts,
      }),
    });
    // Slack's retry after a timeout can land on the other replica; here both copies arrive together.
    const answers = await Promise.all(
      replicas.map((replica, index) =>
        postToApp(
          `http://127.0.0.1:${replica.port}/slack/events`,
          SIGNING_SECRET,
          body,
          'application/json',
          index ? { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } : {},
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await slack.waitFor(() => slack.threadOf(Channels.advocates, card.ts).length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const escalation = await db.prisma.escalation.findUniqueOrThrow({ where: { id: 1 } });
    expect(escalation.severity).toBe('medium');
    expect(slack.threadOf(Channels.advocates, card.ts)).toHaveLength(1);
    expect(await db.prisma.timelineEntry.count({ where: { escalationId: 1, action: 'severity raised' } })).toBe(1);
  });

  it('stops both cleanly', async () => {
    const exits = replicas.map((replica) => new Promise((resolve) => replica.child.once('exit', resolve)));
    for (const replica of replicas) replica.child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });
});
