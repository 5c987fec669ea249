import { DEFAULT_SEED, SLACK_RATE_LIMITS, type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath } from '../src/core/shared/db/provider';
import { processCpuMs } from './cpu-time';
import { runAtRate, type TLoadResult } from './load';
import { startApp, startChild } from './processes';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const ADVOCATES = 'C0ADVOCATE';
const SUPPORT = 'C0SUPPORT1';
const CUSTOMERS = 25;

export interface TStormRunResult {
  database: string;
  flags: number;
  agents: number;
  seconds: number;
  advocate: TLoadResult;
  bare: TLoadResult;
  p99Ratio: number;
  /** Calls Slack (the stand-in, enforcing Slack's limits) answered 429, all and after the first second's burst. */
  rateLimited: { total: number; afterFirstBurst: number };
  /** Top-level messages in the advocate channel: the storm message and the cards posted before it opened. */
  topLevelPosts: number;
  /** From the last flag's ack until every escalation was a card or counted in a storm message; null if never. */
  allVisibleAfterMs: number | null;
  /** What advocates could see when everything was visible or the wait ended. */
  visibleAtEnd: { cards: number; counted: number };
  /** App CPU from the first flag until everything was visible, per flag. */
  cpuMsPerFlag: number;
  stored: number;
}

const agentId = (index: number) => `U0STORM${String(index + 1).padStart(3, '0')}`;

/** The stand-in's workspace plus the agents of the storm, all in #support. */
function stormSeed(agents: number) {
  const ids = Array.from({ length: agents }, (_, index) => agentId(index));
  return {
    ...DEFAULT_SEED,
    users: [
      ...DEFAULT_SEED.users,
      ...ids.map((id, index) => ({
        id,
        name: `agent${index + 1}`,
        email: `agent${index + 1}@example.com`,
        realName: `Storm Agent ${index + 1}`,
      })),
    ],
    channels: DEFAULT_SEED.channels.map((channel) =>
      channel.id === SUPPORT ? { ...channel, members: [...channel.members, ...ids] } : channel,
    ),
  };
}

async function storedEscalations(databaseUrl: string): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM "Escalation"`;
  if (databaseUrl.startsWith('file:')) {
    const db = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true });
    try {
      return Number((db.prepare(sql).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** What advocates can see: distinct cards (top level or in a thread) and the escalations storm messages count. */
function visibleToAdvocates(slack: SlackStandIn) {
  const topLevel = slack.messagesIn(ADVOCATES) as { text: string; ts: string }[];
  const cards = new Set<string>();
  let inStorms = 0;
  for (const message of topLevel) {
    const storm = /^Storm(?: over)?: (\d+) escalations?/.exec(message.text);
    if (storm) inStorms += Number(storm[1]);
    for (const m of [message, ...(slack.threadOf(ADVOCATES, message.ts) as { text: string }[])]) {
      const ref = /^ADV-\d+/.exec(m.text)?.[0];
      if (ref) cards.add(ref);
    }
  }
  // Cards flagged before the storm opened are counted in it too: whichever says more is what advocates can see.
  return { topLevel: topLevel.length, cards: cards.size, inStorms, visible: Math.max(cards.size, inStorms) };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * An outage: `flags` flags from `agents` agents over `seconds`, at a steady rate, to bare Bolt and then to the app,
 * whose Slack is the stand-in enforcing Slack's rate limits. Then waits until every escalation is visible.
 */
export async function benchStorm(options: {
  databaseUrl: string;
  label: string;
  flags: number;
  agents: number;
  seconds: number;
  /** How long after the last flag to wait for everything to be visible before giving up. */
  waitMs: number;
}): Promise<TStormRunResult> {
  // In the bench's process (it only answers a few calls a second here), so that its record can be read.
  const slack = await startSlackStandIn({ rateLimits: SLACK_RATE_LIMITS, seed: stormSeed(options.agents) });
  const env = {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    LOG_LEVEL: 'error',
  };
  const bare = await startChild<{ port: number; pid: number }>('bench/servers/bare-bolt.mjs', env);
  const advocate = await startApp({
    ...env,
    ADVOCATE_CHANNEL_ID: ADVOCATES,
    DATABASE_URL: options.databaseUrl,
    PORT: '0',
  });
  await settle(1_000);
  const perSecond = options.flags / options.seconds;
  const flagsTo = (port: number) =>
    runAtRate({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      requests: options.flags,
      perSecond,
      // The stand-in's own response URLs: the app answers only on Slack's hosts.
      responseUrl: (index) => slack.createResponseUrl({ channelId: SUPPORT, userId: agentId(index % options.agents) }),
      userId: (index) => agentId(index % options.agents),
      text: (index) =>
        `!high #outage customer:"Storm Customer ${index % CUSTOMERS}" login fails with a 502 since 09:00 (${index})`,
    });
  try {
    const bareResult = await flagsTo(bare.info.port);
    const cpuBefore = processCpuMs(advocate.info.pid);
    const firstFlagAt = Date.now();
    const advocateResult = await flagsTo(advocate.info.port);
    const lastAck = performance.now();
    let allVisibleAfterMs: number | null = null;
    let seen = visibleToAdvocates(slack);
    while (performance.now() - lastAck < options.waitMs) {
      seen = visibleToAdvocates(slack);
      if (seen.visible >= options.flags) {
        allVisibleAfterMs = Math.round(performance.now() - lastAck);
        break;
      }
      await settle(250);
    }
    const cpuMs = processCpuMs(advocate.info.pid) - cpuBefore;
    const limited = slack.rateLimitedCalls();
    return {
      database: options.label,
      flags: options.flags,
      agents: options.agents,
      seconds: options.seconds,
      advocate: advocateResult,
      bare: bareResult,
      p99Ratio: round2(advocateResult.p99Ms / bareResult.p99Ms),
      rateLimited: { total: limited.length, afterFirstBurst: limited.filter((c) => c.at > firstFlagAt + 1_000).length },
      topLevelPosts: visibleToAdvocates(slack).topLevel,
      allVisibleAfterMs,
      visibleAtEnd: { cards: seen.cards, counted: seen.visible },
      cpuMsPerFlag: round2(cpuMs / options.flags),
      stored: await storedEscalations(options.databaseUrl),
    };
  } finally {
    await advocate.stop();
    await bare.stop();
    await slack.close();
  }
}
