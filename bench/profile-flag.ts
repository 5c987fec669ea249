/**
 * `npx tsx bench/profile-flag.ts [--requests 3000] [--connections 10] [--sqlite|--postgresql]`: drives signed
 * `/advocate` flags at the real app under `node --cpu-prof`, then prints where its CPU went (docs/performance.md).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summarizeCpuProfile } from './cpu-profile';
import { processCpuMs } from './cpu-time';
import { tempSqliteUrl } from './flag-path';
import { runLoad } from './load';
import { startApp, startChild } from './processes';
import { tempPostgresUrl } from './temp-postgres';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const requests = argument('requests', 3000);
const connections = argument('connections', 10);
const onPostgres = process.argv.includes('--postgresql');
const SIGNING_SECRET = 'bench-signing-secret-0123456789';

const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const responseUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/response`;
const slack = await startChild<{ url: string; token: string }>('bench/servers/fake-slack.ts', {});
const profileDir = mkdtempSync(path.join(tmpdir(), 'advocate-profile-'));
const databaseUrl = onPostgres ? await tempPostgresUrl() : tempSqliteUrl();
const app = await startApp(
  {
    SLACK_BOT_TOKEN: slack.info.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.info.url,
    LOG_LEVEL: 'error',
    ADVOCATE_CHANNEL_ID: 'C0ADVOCATE',
    DATABASE_URL: databaseUrl,
    PORT: '0',
  },
  ['--cpu-prof', '--cpu-prof-dir', profileDir],
);
const { info } = app;
const target = {
  url: `http://127.0.0.1:${info.port}/slack/events`,
  signingSecret: SIGNING_SECRET,
  responseUrl,
  concurrency: connections,
};
const text = (index: number) => `!high #bench customer:"Bench Customer ${index % 50}" benchmark flag number ${index}`;
await runLoad({ ...target, requests: 200, text }); // warm-up: JIT, caches, first customers
const cpuBefore = processCpuMs(info.pid);
const result = await runLoad({ ...target, requests, text });
await new Promise((resolve) => setTimeout(resolve, 1_500)); // background sends finish
const cpuMs = processCpuMs(info.pid) - cpuBefore;
await app.stop();
await slack.stop();
sink.close();
const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))!;
const summary = summarizeCpuProfile(path.join(profileDir, file));
console.log(
  `${onPostgres ? 'PostgreSQL' : 'SQLite'}: ${result.requests} flags at ${connections} connections: ${result.requestsPerSecond} flags/s, p50/p99 ${result.p50Ms}/${result.p99Ms} ms, errors ${result.errors}`,
);
console.log(`process CPU ${Math.round(cpuMs)} ms → ${Math.round((cpuMs / result.requests) * 100) / 100} ms per flag`);
console.log(`profile (${path.join(profileDir, file)}), busy ${summary.busyMs} ms of ${summary.totalMs} ms:`);
console.table(summary.byCategory);
