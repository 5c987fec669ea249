import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAtRate, runLoad, type TLoadResult } from './load';
import { rssMb, startApp, startChild } from './processes';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';

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
  /** Fixed arrival rate (open loop): what an agent feels when the app is busy but not saturated. */
  atRate: { perSecond: number; advocate: TLoadResult; bare: TLoadResult; p99Ratio: number };
  rssMb: { idle: number; afterLoad: number };
}

/** The best of the alternating rounds per target and concurrency: the least disturbed by the other processes. */
function best(results: TLoadResult[]): TLoadResult {
  return [...results].sort((a, b) => a.p99Ms - b.p99Ms)[0]!;
}

/**
 * `/advocate <summary>` through the real app (database write, card posted to a fast fake Slack) and through a bare
 * Bolt app that only acks, alternating rounds so both see the same machine conditions.
 */
export async function benchFlagPath(options: {
  databaseUrl: string;
  label: string;
  rounds: number;
  requests: Record<number, number>;
  atRate: { perSecond: number; requests: number };
}): Promise<TFlagPathResult> {
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const responseUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/response`;
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
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const idle = rssMb(advocate.info.pid);
  const rounds: TFlagPathResult['rounds'] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const [concurrency, requests] of Object.entries(options.requests).map(([c, r]) => [Number(c), r] as const)) {
        for (const target of ['bare-bolt', 'advocate'] as const) {
          const port = target === 'advocate' ? advocate.info.port : bare.info.port;
          const result = await runLoad({
            url: `http://127.0.0.1:${port}/slack/events`,
            signingSecret: SIGNING_SECRET,
            requests,
            concurrency,
            responseUrl,
            text: (index) =>
              `!high #bench customer:"Bench Customer ${index % 50}" benchmark flag number ${round}-${index}`,
          });
          rounds.push({ target, result });
        }
      }
    }
    const rate = async (target: 'advocate' | 'bare-bolt') =>
      runAtRate({
        url: `http://127.0.0.1:${target === 'advocate' ? advocate.info.port : bare.info.port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        requests: options.atRate.requests,
        perSecond: options.atRate.perSecond,
        responseUrl,
        text: (index) => `!medium #bench customer:"Rate Customer ${index % 50}" open loop flag ${index}`,
      });
    const bareAtRate = await rate('bare-bolt');
    const advocateAtRate = await rate('advocate');
    // Let the app finish posting what it acknowledged before reading its memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
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
          p99Ratio: Math.round((a.p99Ms / b.p99Ms) * 100) / 100,
          throughputRatio: Math.round((a.requestsPerSecond / b.requestsPerSecond) * 100) / 100,
        };
      });
    return {
      database: options.label,
      rounds,
      summary,
      atRate: {
        perSecond: options.atRate.perSecond,
        advocate: advocateAtRate,
        bare: bareAtRate,
        p99Ratio: Math.round((advocateAtRate.p99Ms / bareAtRate.p99Ms) * 100) / 100,
      },
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
