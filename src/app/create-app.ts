/**
 * The composition root: the one place an Advocate is put together from its configuration, for `npm start`, the
 * sandbox, the tests, the benchmark and the CLIs. It builds the database, the domain's deps, the Slack services and
 * the task tracker; what runs on top of them (HTTP server, Bolt listeners, loops) is start-advocate.ts's business.
 * Bolt is not imported here: the caller makes the Web API client, so `npm run digest` never loads Bolt.
 */
import type { WebClient } from '@slack/web-api';
import type { TConfig } from '../config';
import { recordCardPostFailure } from '../core/escalations/escalations-repository';
import { fixedAdvocates } from '../core/shared/authz';
import { systemClock, type TClock } from '../core/shared/clock';
import { openDatabase, type TDatabase } from '../core/shared/db/client';
import { oneLineError } from '../core/shared/db/database-errors';
import { migrateDatabase } from '../core/shared/db/migrations';
import { leaveToTheApp, silentOutbox, type TDomainDeps } from '../core/shared/deps';
import type { Logger } from '../logger';
import type { TDigestServices } from '../slack/digests/digest-kinds';
import type { TComposition } from './composition';
import { TaskTracker } from './task-tracker';

interface TDatabaseOptions {
  /** Apply pending migrations first (unset SKIP_MIGRATION); they are logged when a logger is given. */
  migrate: boolean;
  logger?: Logger;
}

/** Migrates (when asked) and opens the database; a lost pooled connection is logged, not fatal. */
async function openAppDatabase(databaseUrl: string, options: TDatabaseOptions): Promise<TDatabase> {
  const { logger } = options;
  if (options.migrate) {
    const report = await migrateDatabase(databaseUrl);
    if (report.applied.length) logger?.info(`database migrated: ${report.applied.join(', ')}`);
  }
  return openDatabase(databaseUrl, {
    onPoolError: (error) => logger?.warn(`database connection lost (the pool reconnects): ${oneLineError(error)}`),
  });
}

/** A process that only writes to the database (the CSV imports): what it queues waits for the running app to send. */
export interface TOfflineApp {
  deps: TDomainDeps;
  close(): Promise<void>;
}

export async function createOfflineApp(databaseUrl: string, options: { clock?: TClock }): Promise<TOfflineApp> {
  const db = await openAppDatabase(databaseUrl, { migrate: true });
  // Nobody acts in an import: no listener asks who is an advocate, so no one is.
  const deps = { db, clock: options.clock ?? systemClock, outbox: leaveToTheApp, authz: fixedAdvocates() };
  return { deps, close: () => db.close() };
}

export interface TAppOptions<TSlack extends { client: WebClient }> {
  logger: Logger;
  clock?: TClock;
  /** What the app consists of; tests add sections or views. Defaults to ADVOCATE_COMPOSITION. */
  composition?: TComposition;
  /**
   * Makes the bot's Web API client once the database is ready: Bolt's in the app, a plain WebClient in `npm run
   * digest`. Bolt checks the token here, after migrating, as it always did.
   */
  connectSlack: () => Promise<TSlack> | TSlack;
  /** `--dry-run`: nothing the domain queues is sent from this process. */
  dryRun?: boolean;
}

export interface TApp<TSlack> {
  db: TDatabase;
  /** What connectSlack made (start-advocate keeps Bolt's app from it). */
  slack: TSlack;
  services: TDigestServices;
  tasks: TaskTracker;
}

/** The whole Advocate minus its transports: database, deps, outbox dispatcher, advocate directory, digests. */
export async function createApp<TSlack extends { client: WebClient }>(
  config: TConfig,
  options: TAppOptions<TSlack>,
): Promise<TApp<TSlack>> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  // Imported here, not at the top: the CSV imports (createOfflineApp) load neither Slack's client nor the renderers.
  const [
    { ADVOCATE_COMPOSITION },
    { OutboxDispatcher },
    { AtRiskWatch },
    { AdvocateDirectory, directoryAuthz },
    { Permalinks },
  ] = await Promise.all([
    import('./composition'),
    import('../slack/kit/outbox-dispatcher'),
    import('../core/customers/at-risk-watch'),
    import('../slack/kit/advocate-directory'),
    import('../slack/kit/permalinks'),
  ]);
  const composition = options.composition ?? ADVOCATE_COMPOSITION;
  const db = await openAppDatabase(config.databaseUrl, { migrate: !config.skipMigration, logger });
  let slack: TSlack;
  try {
    slack = await options.connectSlack();
  } catch (error) {
    await db.close();
    throw error;
  }
  const { client } = slack;
  const tasks = new TaskTracker(logger);
  // One per app: once an answer has taught the workspace's URL, every card link is built without a call.
  const permalinks = new Permalinks(client);
  const dispatcher = new OutboxDispatcher({
    client,
    db,
    permalinks,
    clock,
    logger,
    advocateChannelId: config.slack.advocateChannelId,
    accounts: config.accounts,
    sla: { policy: config.sla.policy, timeZone: config.digest.timeZone },
    handlers: composition.outboxHandlers,
    storms: config.storm,
    tasks,
    onFailure: async (message, failure) => {
      if (message.kind === 'card.post')
        await recordCardPostFailure(db.prisma, message.escalationId, failure.reason, failure.permanent);
    },
  });
  const advocates = new AdvocateDirectory({
    client,
    clock,
    usergroupId: config.slack.advocateUsergroupId,
    channelId: config.slack.advocateChannelId,
  });
  const deps: TDomainDeps = {
    db,
    clock,
    outbox: options.dryRun ? silentOutbox : dispatcher,
    authz: directoryAuthz(advocates),
    slaPolicy: config.sla.policy,
    onBackgroundError: (what, error) => logger.error(`${what} failed:`, error),
  };
  deps.atRisk = new AtRiskWatch(deps, {
    advocateChannelId: config.slack.advocateChannelId,
    timeZone: config.digest.timeZone,
  });
  const services: TDigestServices = {
    config,
    digestCatalog: composition.digestCatalog,
    deps,
    dispatcher,
    logger,
    advocates,
    client,
    permalinks,
    background: (task) => {
      tasks.run(task);
    },
  };
  return { db, slack, services, tasks };
}
