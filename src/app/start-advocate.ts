import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TConfig } from '../config';
import { systemClock, type TClock } from '../core/shared/clock';
import type { TDatabase } from '../core/shared/db/client';
import { sqliteFilePath } from '../core/shared/db/provider';
import { expireOutboxLeases } from '../core/shared/outbox/outbox-repository';
import { createLogger, type Logger } from '../logger';
import { startBackgroundLoops } from '../schedule/background-loops';
import { startScheduler } from '../schedule/scheduler';
import type { TDigestServices } from '../slack/digests/digest-kinds';
import { OUTGOING_TIMEOUT_MS } from '../slack/kit/fetch-with-timeout';
import { answerListenerFailure, failureAnswered } from '../slack/kit/middleware/failure-answer';
import { knownSurfacesOnly } from '../slack/kit/middleware/known-surfaces';
import { safeTextGuard } from '../slack/kit/middleware/safe-text-guard';
import { createSlackPacer } from '../slack/kit/paced-slack-fetch';
import type { TPacerLimits } from '../slack/kit/slack-pacer';
import { registerListeners } from '../slack/register-listeners';
import type { TComposition } from './composition';
import { createApp } from './create-app';
import { startDatabaseWatchdog } from './database-watchdog';
import { appRoutes } from './http/app-routes';
import { HeldEventAcks } from './http/held-event-acks';
import type { TRoute } from './http/router';
import { createHttpServer } from './http/server';
import { SlackReplayGuard } from './http/slack-replay-guard';
import { lockSqliteFile } from './single-instance';
import { createSlackApp } from './slack-app';

export interface TStartOptions {
  clock?: TClock;
  logger?: Logger;
  /** Overrides where the Web API lives and which token is used (sandbox mode, tests). */
  slack?: { apiUrl: string; botToken: string };
  outboxIntervalMs?: number;
  /** Extra routes served beside Slack's (sandbox page). */
  routes?: (services: TDigestServices) => TRoute[];
  /** Tests and the benchmark drive schedules themselves. */
  schedules?: boolean;
  /**
   * The database watchdog gave up (SQLite writes failed HEALTH_PROBE_FAILURES_TO_EXIT probes in a row). main exits 1
   * so the supervisor starts a fresh process; unset (tests), it is only logged.
   */
  onDatabaseStuck?: (reason: string) => void;
  /** What the app consists of; tests add sections or views. Defaults to ADVOCATE_COMPOSITION. */
  composition?: TComposition;
  /** The limits the app keeps to; SLACK_PACE (Slack's) unless a test runs its stand-in on a faster clock. */
  slackPace?: TPacerLimits;
}

export interface TRunningAdvocate {
  url: string;
  port: number;
  services: TDigestServices;
  db: TDatabase;
  /** Resolves when every listener, background task and outbox send started so far has finished. */
  idle(): Promise<void>;
  /** Stops accepting, finishes in-flight work, closes the database. */
  stop(): Promise<void>;
}

/** As long as one outgoing Slack call may take: app.error's answer is one. */
const FAILURE_ANSWER_WAIT_MS = OUTGOING_TIMEOUT_MS + 1_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export async function startAdvocate(config: TConfig, options: TStartOptions = {}): Promise<TRunningAdvocate> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // Sandbox mode talks only to the stand-in on loopback (src/sandbox/start-sandbox.ts), never to SLACK_API_URL.
  if (config.mode === 'sandbox' && !options.slack) throw new Error('sandbox mode runs through startSandbox');
  const sqliteFile = sqliteFileOf(config.databaseUrl);
  const lock = sqliteFile ? lockSqliteFile(sqliteFile) : { release: () => {}, took: false };
  const releaseLock = lock.release;
  try {
    return await startWithLock(config, options, logger, clock, releaseLock, lock.took);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function sqliteFileOf(databaseUrl: string): string | null {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  const file = sqliteFilePath(databaseUrl);
  return file === ':memory:' ? null : file;
}

async function startWithLock(
  config: TConfig,
  options: TStartOptions,
  logger: Logger,
  clock: TClock,
  releaseLock: () => void,
  soleServer: boolean,
): Promise<TRunningAdvocate> {
  const { db, slack, services, tasks } = await createApp(config, {
    logger,
    clock,
    composition: options.composition,
    connectSlack: async () => {
      const bolt = await createSlackApp(
        config,
        logger,
        options.slack?.apiUrl ?? config.slack.apiUrl,
        options.slack?.botToken ?? config.slack.botToken ?? '',
        createSlackPacer(options.slackPace),
      );
      return { ...bolt, client: bolt.app.client };
    },
  });
  // Having just taken the SQLite file's exclusive lock makes this the only server on it, so every outbox lease still
  // running is a killed predecessor's (or, rarely, a digest CLI's beside it, whose message is then looked up before it
  // is posted again): take them back now, before the server listens and leases anything itself, instead of waiting
  // them out. PostgreSQL replicas share the database and hold live leases, which run out by themselves.
  if (soleServer) {
    const taken = await expireOutboxLeases(db.prisma, clock.now());
    if (taken > 0) logger.info(`took back ${taken} outbox message(s) a previous run was sending; sending them now`);
  }
  const { app, requestListener } = slack;
  const { dispatcher } = services;
  // Bolt acknowledges Slack before listeners finish; tracking them lets SIGTERM wait for the work it accepted. An
  // event's answer is held until its listeners are done, so one that failed is answered non-2xx and retried.
  const eventAcks = new HeldEventAcks();
  app.use(async ({ next, body, context }) => {
    const eventId = (body as { event_id?: string }).event_id;
    const answered = failureAnswered(context);
    const running = next();
    // A failure is answered by app.error after the chain settles; wait for that answer, but never forever (shutdown
    // waits on this record).
    tasks.track(running.catch(() => Promise.race([answered, delay(FAILURE_ANSWER_WAIT_MS)])));
    try {
      await running;
      eventAcks.settle(eventId);
    } catch (error) {
      eventAcks.settle(eventId, error);
      throw error;
    }
  });
  app.use(safeTextGuard);
  app.use(knownSurfacesOnly(services));
  registerListeners(app, services);
  app.error(answerListenerFailure(logger));

  let stopping = false;
  const routes: TRoute[] = [...appRoutes(services, () => stopping), ...(options.routes?.(services) ?? [])];
  const replayGuard = requestListener ? new SlackReplayGuard(config.slack.signingSecret) : undefined;
  const server: Server = createHttpServer({ routes, slackListener: requestListener, eventAcks, replayGuard, logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '0.0.0.0', () => resolve());
  });
  if (config.mode === 'socket') await app.start();
  const stopLoops = startBackgroundLoops(services, {
    outboxIntervalMs: options.outboxIntervalMs ?? 5_000,
    purgeIntervalMs: 3_600_000,
  });
  // Catch up on anything left unsent by a previous run.
  services.background(() => dispatcher.drainDue());
  const scheduler = options.schedules ? startScheduler(services) : null;
  const stopWatchdog = startDatabaseWatchdog({
    db,
    logger,
    intervalMs: config.healthProbe.intervalMs,
    failuresToGiveUp: config.healthProbe.failuresToExit,
    onStuck: (reason) => (options.onDatabaseStuck ?? ((why) => logger.error(`database stuck: ${why}`)))(reason),
  });

  const port = (server.address() as AddressInfo).port;
  const idle = () => tasks.idle();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    db,
    idle,
    async stop() {
      stopping = true;
      stopLoops();
      stopWatchdog();
      await scheduler?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (config.mode === 'socket') await app.stop().catch(() => {});
      await idle();
      await db.close();
      releaseLock();
    },
  };
}
