import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath } from '../src/core/shared/db/provider';
import { processCpuMs } from './cpu-time';
import { runAtRate, runLoad, runReactions, type TLoadResult } from './load';
import { rssMb, startApp, startChild } from './processes';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const ADVOCATE = 'U0ADVOC001';

export interface TFlagPathResult {
  database: string;
  rounds: { target: 'advocate' | 'bare-bolt'; result: TLoadResult }[];
  summary: {
    concurrency: number;
    advocate: TLoadResult;
    bare: TLoadResult;
    p99Ratio: number;
    throughputRatio: number;
  }[];
  /** Process CPU time of the app over its flag rounds, divided by the flags it answered. */
  cpuMsPerFlag: number;
  /** Fixed arrival rate (open loop): what an agent feels when the app is busy but not saturated. */
  atRate: {
    perSecond: number;
    advocate: TLoadResult;
    bare: TLoadResult;
    p99Ratio: number;
    /** From the ack to the agent's confirmation, which is sent once the card is posted. */
    ackToCard: { p50Ms: number; p99Ms: number; maxMs: number; missing: number };
  };
  /** `reaction_added` (:eyes:) on distinct cards: a claim each, with card update, thread line and DM. */
  claims: TLoadResult & { cpuMsPerClaim: number };
  rssMb: { idle: number; afterLoad: number };
}

/** The best of the alternating rounds per target and concurrency: the least disturbed by the other processes. */
function best(results: TLoadResult[]): TLoadResult {
  return [...results].sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round2 = (value: number) => Math.round(value * 100) / 100;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Cards the app posted and nobody claimed yet, read straight from its database. */
async function unclaimedCards(databaseUrl: string, limit: number): Promise<{ channel: string; ts: string }[]> {
  const sql = `SELECT "cardChannelId" AS channel, "cardTs" AS ts FROM "Escalation" WHERE "status" = 'open' AND "cardTs" IS NOT NULL ORDER BY "id" LIMIT ${limit}`;
  if (databaseUrl.startsWith('file:')) {
    const db = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true });
    try {
      return db.prepare(sql).all() as { channel: string; ts: string }[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as { channel: string; ts: string }[];
  } finally {
    await client.end();
  }
}

/**
 * `/advocate <summary>` through the real app (database write, card posted to a fast fake Slack) and through a bare
 * Bolt app that only acks, alternating rounds so both see the same machine conditions; then a fixed rate, then
 * claims by reaction on the cards those flags posted.
 */
export async function benchFlagPath(options: {
  databaseUrl: string;
  label: string;
  rounds: number;
  requests: Record<number, number>;
  atRate: { perSecond: number; requests: number };
  claims: number;
}): Promise<TFlagPathResult> {
  const answeredAt = new Map<number, number>();
  const sink = createServer((req, res) => {
    const index = /^\/response\/(\d+)$/.exec(req.url ?? '')?.[1];
    if (index !== undefined) answeredAt.set(Number(index), performance.now());
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  const responseUrl = `${sinkUrl}/response`;
  const slack = await startChild<{ url: string; token: string }>('bench/servers/fake-slack.ts', {});
  const env = {
    SLACK_BOT_TOKEN: slack.info.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.info.url,
    LOG_LEVEL: 'error',
  };
  const bare = await startChild<{ port: number; pid: number }>('bench/servers/bare-bolt.mjs', env);
  const advocate = await startApp({
    ...env,
    ADVOCATE_CHANNEL_ID: 'C0ADVOCATE',
    DATABASE_URL: options.databaseUrl,
    PORT: '0',
  });
  await settle(1_000);
  const idle = rssMb(advocate.info.pid);
  const urlOf = (target: 'advocate' | 'bare-bolt') =>
    `http://127.0.0.1:${target === 'advocate' ? advocate.info.port : bare.info.port}/slack/events`;
  const rounds: TFlagPathResult['rounds'] = [];
  let advocateCpuMs = 0;
  let advocateFlags = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const [concurrency, requests] of Object.entries(options.requests).map(([c, r]) => [Number(c), r] as const)) {
        for (const target of ['bare-bolt', 'advocate'] as const) {
          const cpuBefore = target === 'advocate' ? processCpuMs(advocate.info.pid) : 0;
          const result = await runLoad({
            url: urlOf(target),
            signingSecret: SIGNING_SECRET,
            requests,
            concurrency,
            responseUrl,
            text: (index) =>
              `!high #bench customer:"Bench Customer ${index % 50}" benchmark flag number ${round}-${index}`,
          });
          if (target === 'advocate') {
            await settle(1_000); // what was acknowledged finishes (cards, confirmations) before CPU is read
            advocateCpuMs += processCpuMs(advocate.info.pid) - cpuBefore;
            advocateFlags += result.requests;
          }
          rounds.push({ target, result });
        }
      }
    }
    const rate = async (target: 'advocate' | 'bare-bolt') => {
      const ackedAt = new Map<number, number>();
      answeredAt.clear();
      const result = await runAtRate({
        url: urlOf(target),
        signingSecret: SIGNING_SECRET,
        requests: options.atRate.requests,
        perSecond: options.atRate.perSecond,
        responseUrl: (index) => `${sinkUrl}/response/${index}`,
        onAck: (index, at) => ackedAt.set(index, at),
        text: (index) => `!medium #bench customer:"Rate Customer ${index % 50}" open loop flag ${index}`,
      });
      return { result, ackedAt };
    };
    const bareAtRate = await rate('bare-bolt');
    const advocateAtRate = await rate('advocate');
    await settle(2_000);
    const waits = [...advocateAtRate.ackedAt]
      .filter(([index]) => answeredAt.has(index))
      .map(([index, at]) => Math.max(0, answeredAt.get(index)! - at))
      .sort((a, b) => a - b);

    const cards = await unclaimedCards(options.databaseUrl, options.claims);
    const cpuBeforeClaims = processCpuMs(advocate.info.pid);
    const claims = await runReactions({
      url: urlOf('advocate'),
      signingSecret: SIGNING_SECRET,
      cards,
      user: ADVOCATE,
      reaction: 'eyes',
      concurrency: 10,
    });
    await settle(2_000);
    const cpuMsPerClaim = round2((processCpuMs(advocate.info.pid) - cpuBeforeClaims) / Math.max(1, claims.requests));
    const afterLoad = rssMb(advocate.info.pid);
    const summary = Object.keys(options.requests)
      .map(Number)
      .map((concurrency) => {
        const pick = (target: string) =>
          best(rounds.filter((r) => r.target === target && r.result.concurrency === concurrency).map((r) => r.result));
        const a = pick('advocate');
        const b = pick('bare-bolt');
        return {
          concurrency,
          advocate: a,
          bare: b,
          p99Ratio: round2(a.p99Ms / b.p99Ms),
          throughputRatio: round2(a.requestsPerSecond / b.requestsPerSecond),
        };
      });
    return {
      database: options.label,
      rounds,
      summary,
      cpuMsPerFlag: round2(advocateCpuMs / Math.max(1, advocateFlags)),
      atRate: {
        perSecond: options.atRate.perSecond,
        advocate: advocateAtRate.result,
        bare: bareAtRate.result,
        p99Ratio: round2(advocateAtRate.result.p99Ms / bareAtRate.result.p99Ms),
        ackToCard: {
          p50Ms: round2(percentile(waits, 50)),
          p99Ms: round2(percentile(waits, 99)),
          maxMs: round2(waits.at(-1) ?? 0),
          missing: options.atRate.requests - waits.length,
        },
      },
      claims: { ...claims, cpuMsPerClaim },
      rssMb: { idle, afterLoad },
    };
  } finally {
    await advocate.stop();
    await bare.stop();
    await slack.stop();
    sink.close();
  }
}

export function tempSqliteUrl() {
  return `file:${path.join(mkdtempSync(path.join(tmpdir(), 'advocate-bench-')), 'bench.db')}`;
}
