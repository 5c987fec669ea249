/**
 * `npm run bench`: the speed users feel, on this machine. Prints a table and writes bench/results.json.
 * Seeds its own data reproducibly; never part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchFlagPath, tempSqliteUrl } from './flag-path';

const quick = process.argv.includes('--quick');
const results: Record<string, unknown> = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  at: new Date().toISOString(),
};

const flag = await benchFlagPath({
  databaseUrl: tempSqliteUrl(),
  label: 'sqlite',
  rounds: quick ? 1 : 3,
  requests: quick ? { 1: 200, 10: 500 } : { 1: 500, 10: 2000 },
});
results.flagPath = flag;
console.log('\nFlag path: /advocate <summary> (ack latency), best of the alternating rounds');
console.table(
  flag.summary.map((row) => ({
    connections: row.concurrency,
    'advocate p50 ms': row.advocate.p50Ms,
    'advocate p99 ms': row.advocate.p99Ms,
    'advocate max ms': row.advocate.maxMs,
    'advocate req/s': row.advocate.requestsPerSecond,
    'bare p50 ms': row.bare.p50Ms,
    'bare p99 ms': row.bare.p99Ms,
    'bare req/s': row.bare.requestsPerSecond,
    'p99 ratio (goal ≤ 1.5)': row.p99Ratio,
    'throughput ratio (goal ≥ 0.5)': row.throughputRatio,
  })),
);
console.log(`RSS: idle ${flag.rssMb.idle} MB (goal < 150), after load ${flag.rssMb.afterLoad} MB`);

writeFileSync(path.join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results.json');
