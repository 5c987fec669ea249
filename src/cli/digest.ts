/**
 * `npm run digest -- open [--dry-run]`: sends a digest now to all its recipients (the advocate channel and the
 * subscribed channels), as a manual delivery that neither replaces nor blocks the scheduled one. `--dry-run` prints
 * the messages instead of posting them.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { ADVOCATE_COMPOSITION } from '../app/composition';
import { createApp } from '../app/create-app';
import { ConfigError, describeDatabase, loadConfig, processEnvironment } from '../config';
import { isAppError } from '../core/shared/app-error';
import { MigrationError } from '../core/shared/db/migrations';
import { createLogger } from '../logger';
import { sendDigest } from '../slack/digests/send-digest';
import { createSlackPacer, pacedSlackFetch } from '../slack/kit/paced-slack-fetch';

const USAGE = 'usage: npm run digest -- <open|nps> [--dry-run]';
/** Nothing listens here: without a bot token a dry run must not reach slack.com (card links are simply left out). */
const NOWHERE = 'http://127.0.0.1:9/api/';

function fail(message: string): never {
  process.stderr.write(`advocate: ${message}\n`);
  process.exit(1);
}

async function main(argv: string[]) {
  const flags = argv.filter((arg) => arg.startsWith('-'));
  const names = argv.filter((arg) => !arg.startsWith('-'));
  if (flags.some((flag) => flag === '--help' || flag === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // `--now` is accepted for habit's sake (Dispatch's `--eager`): this command always sends now.
  const unknown = flags.find((flag) => flag !== '--dry-run' && flag !== '--now');
  if (unknown) fail(`unknown option ${unknown}\n${USAGE}`);
  if (names.length > 1) fail(`name one digest\n${USAGE}`);
  const name = names[0] ?? 'open';
  const dryRunFlag = flags.includes('--dry-run');

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(processEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const dryRun = dryRunFlag || config.dryRun;
  const composition = ADVOCATE_COMPOSITION;
  const { digests } = composition.digestCatalog;
  if (!digests.some((kind) => kind.kind === name)) {
    fail(`there is no "${name}" digest in this version (available: ${digests.map((kind) => kind.kind).join(', ')})`);
  }
  if (!config.slack.botToken && !dryRun) {
    fail('SLACK_BOT_TOKEN is not set: a digest can only be posted with a bot token (add --dry-run to see it instead)');
  }

  const logger = createLogger(config.logLevel, 'advocate digest');
  const botToken = config.slack.botToken;
  // This run sends only what it queued itself (a direct message to whoever subscribed a channel we cannot post in, or
  // whatever a section queues), with the app's full handler set; it never drains the outbox: the running app's retry
  // loop does that.
  const { db, services, tasks } = await createApp(config, {
    logger,
    composition,
    dryRun,
    connectSlack: () => ({
      client: new WebClient(botToken ?? '', {
        slackApiUrl: botToken ? config.slack.apiUrl : NOWHERE,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: 10_000,
        fetch: pacedSlackFetch(createSlackPacer()) as unknown as NonNullable<WebClientOptions['fetch']>,
      }),
    }),
  });
  const clock = services.deps.clock;

  try {
    const now = clock.now();
    const run = await sendDigest(services, { kind: name, trigger: 'manual', scheduledAt: now, now, dryRun });
    if (!run) fail(`another "npm run digest" or /advocate digest is sending the ${name} digest right now`);
    for (const result of run.results) {
      if (result.outcome === 'dry-run') {
        process.stdout.write(`# ${name} digest for ${result.channelId} (dry run, not posted)\n`);
        process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
      } else {
        process.stdout.write(`${result.channelId}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}\n`);
      }
    }
    await tasks.idle();
    // A manual delivery is recorded in the database, as the running app's would be.
    process.stdout.write(`wrote to ${describeDatabase(config.databaseUrl)}\n`);
    if (run.results.some((result) => result.outcome === 'failed')) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof MigrationError || isAppError(error))
    fail(isAppError(error) ? error.userMessage : (error as Error).message);
  fail(`digest failed: ${(error as Error).message}`);
});
