/**
 * `npm run bench`: the speed users feel, on this machine. Prints tables and writes bench/results.json.
 * Seeds its own data reproducibly (fixed seed); never part of `npm test`. `--quick` runs a smaller version;
 * `--storm` only the storm run; `--sqlite` only SQLite.
 */

import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { benchDataPath, type TDataPathResult } from './data-path';
import { benchFlagPath, type TFlagPathResult, tempSqliteUrl } from './flag-path';
import { benchStorm, type TStormRunResult } from './storm-run';
import { postgresDatabase } from './temp-postgres';

const quick = process.argv.includes('--quick');
const onlySqlite = process.argv.includes('--sqlite');
const onlyStorm = process.argv.includes('--storm');
const started = performance.now();
const results: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  at: new Date().toISOString(),
  quick,
};

/** A figure beside its goal, marked so that a missed goal cannot be read past. */
const goal = (met: boolean, text: string) => `${met ? '✓' : '✗ MISSED'} ${text}`;

const providers = onlySqlite ? (['sqlite'] as const) : (['sqlite', 'postgresql'] as const);
const newDatabase = async (provider: 'sqlite' | 'postgresql') =>
  provider === 'sqlite' ? { url: tempSqliteUrl(), drop: async () => {} } : await postgresDatabase();

const flagRuns: TFlagPathResult[] = [];
for (const provider of onlyStorm ? [] : onlySqlite ? (['sqlite'] as const) : (['sqlite', 'postgresql'] as const)) {
  const database = provider === 'sqlite' ? { url: tempSqliteUrl(), drop: async () => {} } : await postgresDatabase();
  flagRuns.push(
    await benchFlagPath({
      databaseUrl: database.url,
      label: provider,
      rounds: quick ? 1 : 2,
      requests: quick ? { 1: 300, 10: 1000 } : { 1: 1000, 10: 4000 },
      atRate: { perSecond: 200, requests: quick ? 600 : 2000 },
      claims: quick ? 1000 : 3000,
    }),
  );
  await database.drop();
}
results.flagPath = flagRuns;
for (const flag of flagRuns) {
  console.log(
    `\nFlag path on ${flag.database}: signed \`/advocate <summary>\` to the real app (card posted, agent answered) vs a bare Bolt app that only acks`,
  );
  console.table(
    flag.summary.map((row) => ({
      connections: row.concurrency,
      'advocate req/s': row.advocate.requestsPerSecond,
      'advocate p50/p99 ms': `${row.advocate.p50Ms} / ${row.advocate.p99Ms}`,
      'bare req/s': row.bare.requestsPerSecond,
      'bare p50/p99 ms': `${row.bare.p50Ms} / ${row.bare.p99Ms}`,
      'req/s ratio': row.throughputRatio,
      'p99 ratio': row.p99Ratio,
    })),
  );
  const at10 = flag.summary.find((row) => row.concurrency === 10);
  const sqlite = flag.database === 'sqlite';
  if (at10) {
    const floor = sqlite ? 1000 : 500;
    console.log(
      goal(
        at10.advocate.requestsPerSecond >= floor && (!sqlite || at10.throughputRatio >= 0.2),
        `throughput at 10 connections: ${at10.advocate.requestsPerSecond} flags/s, ${at10.throughputRatio}× bare (goal ≥ ${floor}/s${sqlite ? ' and ≥ 0.2×' : ''})`,
      ),
    );
  }
  if (sqlite) console.log(goal(flag.cpuMsPerFlag <= 1, `CPU per flag: ${flag.cpuMsPerFlag} ms (goal ≤ 1 ms)`));
  else console.log(`CPU per flag: ${flag.cpuMsPerFlag} ms`);
  const rate = flag.atRate;
  console.log(
    goal(
      rate.p99Ratio <= 3,
      `at a steady ${rate.perSecond} flags/s: ack p50/p99 ${rate.advocate.p50Ms} / ${rate.advocate.p99Ms} ms, bare ${rate.bare.p50Ms} / ${rate.bare.p99Ms} ms: ${rate.p99Ratio}× (goal ≤ 3×)`,
    ),
  );
  console.log(
    goal(
      rate.ackToCard.p99Ms <= 1000 && rate.ackToCard.missing === 0,
      `ack → card posted and agent answered: p50/p99 ${rate.ackToCard.p50Ms} / ${rate.ackToCard.p99Ms} ms, max ${rate.ackToCard.maxMs} ms, ${rate.ackToCard.missing} unanswered (goal p99 ≤ 1,000 ms)`,
    ),
  );
  const claimText = `claim by reaction at 10 connections: ${flag.claims.requestsPerSecond} events/s, p50/p99 ${flag.claims.p50Ms} / ${flag.claims.p99Ms} ms, ${flag.claims.cpuMsPerClaim} ms CPU per claim`;
  console.log(sqlite ? goal(flag.claims.requestsPerSecond >= 1000, `${claimText} (goal ≥ 1,000/s)`) : claimText);
  console.log(
    goal(
      flag.rssMb.idle <= 100 && flag.rssMb.afterLoad <= 250,
      `RSS: idle ${flag.rssMb.idle} MB (goal ≤ 100), after the runs ${flag.rssMb.afterLoad} MB (goal ≤ 250)`,
    ),
  );
}

const scale = quick
  ? { customers: 2_000, openEscalations: 10_000, claimedByBenchOwner: 1_000, surveyResponses: 100_000, weeks: 10 }
  : { customers: 5_000, openEscalations: 100_000, claimedByBenchOwner: 1_000, surveyResponses: 1_000_000, weeks: 10 };
const data: TDataPathResult[] = [];
for (const provider of onlyStorm ? [] : providers) {
  data.push(await benchDataPath(provider, scale));
}
if (!onlyStorm) results.dataPath = data;
if (!onlyStorm)
  console.log(
    `\nReads over ${scale.openEscalations.toLocaleString()} open escalations and ${scale.surveyResponses.toLocaleString()} survey responses (median of repeated runs, ms)`,
  );
if (!onlyStorm)
  console.table(
    data.map((row) => ({
      database: row.database,
      'seed s': row.seed.seconds,
      'open digest (goal < 250)': row.openDigest.medianMs,
      'App Home, 1k claimed (goal < 100)': row.appHome.medianMs,
      'weekly NPS/CSAT figures (goal < 300)': row.weeklyNps.medianMs,
      'weekly report, 8 weeks': row.weeklyReport8Weeks.medianMs,
    })),
  );
for (const row of data) {
  console.log(
    goal(row.openDigest.medianMs < 250, `${row.database}: open digest ${row.openDigest.medianMs} ms (goal < 250)`),
  );
  console.log(goal(row.appHome.medianMs < 100, `${row.database}: App Home ${row.appHome.medianMs} ms (goal < 100)`));
  console.log(
    goal(row.weeklyNps.medianMs < 300, `${row.database}: weekly NPS/CSAT ${row.weeklyNps.medianMs} ms (goal < 300)`),
  );
}
// A storm (issue #29): 300 flags from 30 agents in a minute, Slack's rate limits enforced by the stand-in.
function printStorm(storm: TStormRunResult) {
  console.log(
    `\nStorm on ${storm.database}: ${storm.flags} flags from ${storm.agents} agents over ${storm.seconds} s, to the app (Slack's rate limits enforced) and to bare Bolt at the same rate`,
  );
  console.log(
    goal(
      storm.p99Ratio <= 1.5,
      `ack p50/p99 ${storm.advocate.p50Ms} / ${storm.advocate.p99Ms} ms, bare ${storm.bare.p50Ms} / ${storm.bare.p99Ms} ms: ${storm.p99Ratio}× (goal ≤ 1.5×)`,
    ),
  );
  console.log(
    goal(
      storm.rateLimited.afterFirstBurst === 0,
      `429s provoked: ${storm.rateLimited.total}, ${storm.rateLimited.afterFirstBurst} after the first burst (goal 0 beyond the first burst)`,
    ),
  );
  console.log(
    goal(
      storm.topLevelPosts <= 12,
      `top-level posts in the advocate channel: ${storm.topLevelPosts} (goal: a handful, not ${storm.flags})`,
    ),
  );
  const visible = storm.allVisibleAfterMs;
  console.log(
    goal(
      visible !== null && visible <= 60_000,
      `every escalation visible to advocates (card or counted in the storm): ${visible === null ? `not within the wait (${storm.visibleAtEnd.counted} counted, ${storm.visibleAtEnd.cards} cards)` : `${(visible / 1000).toFixed(1)} s`} after the last flag, ${storm.visibleAtEnd.cards} cards posted by then (goal ≤ 60 s)`,
    ),
  );
  console.log(`CPU per flag (from the first flag until all visible): ${storm.cpuMsPerFlag} ms`);
  console.log(goal(storm.stored === storm.flags, `stored: ${storm.stored} of ${storm.flags} (goal all)`));
}
const storms: TStormRunResult[] = [];
for (const provider of providers) {
  const database = await newDatabase(provider);
  const storm = await benchStorm({
    databaseUrl: database.url,
    label: provider,
    flags: 300,
    agents: 30,
    seconds: 60,
    waitMs: 180_000,
  });
  storms.push(storm);
  printStorm(storm);
  await database.drop();
}
results.storm = storms;

results.seconds = Math.round((performance.now() - started) / 1000);
// A storm-only run keeps the full run's figures.
const resultsFile = onlyStorm ? 'results-storm.json' : 'results.json';
writeFileSync(path.join(import.meta.dirname, resultsFile), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/${resultsFile} (${results.seconds} s)`);
