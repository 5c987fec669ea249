/**
 * `npm run bench`: the speed users feel, on this machine. Prints tables and writes bench/results.json.
 * Seeds its own data reproducibly (fixed seed); never part of `npm test`. `--quick` runs a smaller version.
 */

import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { benchDataPath, type TDataPathResult } from './data-path';
import { benchFlagPath, tempSqliteUrl } from './flag-path';

const quick = process.argv.includes('--quick');
const onlySqlite = process.argv.includes('--sqlite');
const started = performance.now();
const results: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  at: new Date().toISOString(),
  quick,
};

const flag = await benchFlagPath({
  databaseUrl: tempSqliteUrl(),
  label: 'sqlite',
  rounds: quick ? 1 : 2,
  requests: quick ? { 1: 200, 10: 500 } : { 1: 500, 10: 2000 },
  atRate: { perSecond: 20, requests: quick ? 100 : 400 },
});
results.flagPath = flag;
console.log(
  '\nFlag path: signed `/advocate <summary>` to the real app (SQLite, card posted) vs a bare Bolt app that only acks',
);
console.table(
  flag.summary.map((row) => ({
    connections: row.concurrency,
    'advocate p50/p99 ms': `${row.advocate.p50Ms} / ${row.advocate.p99Ms}`,
    'advocate max ms': row.advocate.maxMs,
    'advocate req/s': row.advocate.requestsPerSecond,
    'bare p50/p99 ms': `${row.bare.p50Ms} / ${row.bare.p99Ms}`,
    'bare req/s': row.bare.requestsPerSecond,
    'p99 ratio (goal ≤ 1.5)': row.p99Ratio,
    'req/s ratio (goal ≥ 0.5)': row.throughputRatio,
  })),
);
console.log(
  `At a fixed ${flag.atRate.perSecond} flags/s: advocate p50/p99 ${flag.atRate.advocate.p50Ms} / ${flag.atRate.advocate.p99Ms} ms (max ${flag.atRate.advocate.maxMs}), bare ${flag.atRate.bare.p50Ms} / ${flag.atRate.bare.p99Ms} ms; p99 ratio ${flag.atRate.p99Ratio}`,
);
console.log(`RSS of the app: idle ${flag.rssMb.idle} MB (goal < 150), after the load ${flag.rssMb.afterLoad} MB`);

const scale = quick
  ? { customers: 2_000, openEscalations: 10_000, claimedByBenchOwner: 1_000, surveyResponses: 100_000, weeks: 10 }
  : { customers: 5_000, openEscalations: 100_000, claimedByBenchOwner: 1_000, surveyResponses: 1_000_000, weeks: 10 };
const data: TDataPathResult[] = [];
for (const provider of onlySqlite ? (['sqlite'] as const) : (['sqlite', 'postgresql'] as const)) {
  data.push(await benchDataPath(provider, scale));
}
results.dataPath = data;
console.log(
  `\nReads over ${scale.openEscalations.toLocaleString()} open escalations and ${scale.surveyResponses.toLocaleString()} survey responses (median of repeated runs, ms)`,
);
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
results.seconds = Math.round((performance.now() - started) / 1000);
writeFileSync(path.join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results.json (${results.seconds} s)`);
