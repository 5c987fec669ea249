import { startSlackStandIn } from '@advocate/slack-standin';
import pg from 'pg';
import { startAdvocate } from '../src/app/start-advocate';
import { loadConfig } from '../src/config';
import { homeSummary } from '../src/core/escalations/home-summary';
import { isoWeekOf } from '../src/core/shared/time/zoned';
import { buildSurveyReport } from '../src/core/surveys/survey-report';
import { weeklySurveyFigures } from '../src/core/surveys/weekly-figures';
import { createLogger } from '../src/logger';
import { buildOpenDigest } from '../src/slack/digests/open-digest';
import { appHomeView } from '../src/slack/home/app-home-view';
import { tempSqliteUrl } from './flag-path';
import { BENCH_OWNER, seedBenchData, type TSeedOptions } from './seed';
import { BENCH_PG_ADMIN_URL, postgresDatabase } from './temp-postgres';

export interface TTiming {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<TTiming> {
  await work(); // warm-up: first query plans, JIT
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    medianMs: round(samples[Math.floor(samples.length / 2)]!),
    minMs: round(samples[0]!),
    maxMs: round(samples.at(-1)!),
    runs,
  };
}

async function vacuumAnalyze(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  await client.end();
}

export interface TDataPathResult {
  database: string;
  seed: TSeedOptions & { seconds: number };
  openDigest: TTiming;
  appHome: TTiming;
  weeklyNps: TTiming;
  weeklyReport8Weeks: TTiming;
}

/** Reads the hot paths over a large seeded data set: what an advocate waits for on a big workspace. */
export async function benchDataPath(
  provider: 'sqlite' | 'postgresql',
  seed: Omit<TSeedOptions, 'now'>,
): Promise<TDataPathResult> {
  const database =
    provider === 'sqlite' ? { url: tempSqliteUrl(), drop: async () => {} } : await postgresDatabase(BENCH_PG_ADMIN_URL);
  const slack = await startSlackStandIn();
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
    SLACK_API_URL: slack.url,
    ADVOCATE_CHANNEL_ID: 'C0ADVOCATE',
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const app = await startAdvocate(config, { logger: createLogger('error'), outboxIntervalMs: 3_600_000 });
  try {
    const now = new Date();
    const seedStarted = performance.now();
    const seedOptions = { ...seed, now };
    await seedBenchData(app.db, database.url, seedOptions);
    // Production PostgreSQL has autovacuum keep planner statistics; after a bulk load, do what it would do.
    if (provider === 'postgresql') await vacuumAnalyze(database.url);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    const services = app.services;
    const week = isoWeekOf(now, config.digest.timeZone);
    const result: TDataPathResult = {
      database: provider,
      seed: { ...seedOptions, seconds: seedSeconds },
      openDigest: await time(5, () =>
        buildOpenDigest(services, config.slack.advocateChannelId, {
          scheduledAt: now,
          now,
          trigger: 'manual',
          dryRun: true,
        }),
      ),
      appHome: await time(10, async () =>
        appHomeView(await homeSummary(services.deps, BENCH_OWNER, config.digest.timeZone), now),
      ),
      weeklyNps: await time(10, () => weeklySurveyFigures(services.deps, week)),
      weeklyReport8Weeks: await time(3, () =>
        buildSurveyReport(services.deps, { week, now, timeZone: config.digest.timeZone }),
      ),
    };
    return result;
  } finally {
    await app.stop();
    await slack.close();
    await database.drop();
  }
}
