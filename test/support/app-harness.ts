import {
  type AppResponse,
  eventCallbackBody,
  fasterRateLimits,
  postToApp,
  retryHeaders,
  SLACK_RATE_LIMITS,
  type SlackStandIn,
  startSlackStandIn,
} from '@advocate/slack-standin';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startAdvocate, type TRunningAdvocate } from '../../src/app/start-advocate';
import { loadConfig, type TConfig } from '../../src/config';
import type { TProvider } from '../../src/core/shared/db/provider';
import { createLogger } from '../../src/logger';
import { fasterPace, SLACK_PACE } from '../../src/slack/kit/slack-pacer';
import { ManualClock } from './clock';
import { createTestDatabase, type TTestDatabase } from './databases';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** The stand-in workspace's people and channels (packages/slack-standin/src/seed.ts). */
export const People = {
  agent: 'U0AGENT001',
  agent2: 'U0AGENT002',
  advocate: 'U0ADVOC001',
  advocate2: 'U0ADVOC002',
  bystander: 'U0BYSTAND1',
  guest: 'U0GUEST001',
} as const;
export const Channels = { support: 'C0SUPPORT1', advocates: 'C0ADVOCATE' } as const;
export const ADVOCATE_USERGROUP = 'S0ADVOCATE';

export interface TTestApp {
  app: TRunningAdvocate;
  slack: SlackStandIn;
  config: TConfig;
  clock: ManualClock;
  database: TTestDatabase;
  eventsUrl: string;
  /** Sends a signed Events API callback as Slack would; returns the app's HTTP answer. */
  sendEvent(
    event: Record<string, unknown>,
    options?: { eventId?: string; retryNum?: number },
  ): Promise<AppResponse & { eventId: string }>;
  /** Runs the outbox once, as the retry loop would. */
  drainOutbox(): Promise<void>;
  /** Waits until the app has finished every piece of work it acknowledged so far. */
  settle(): Promise<void>;
  escalationCount(): Promise<number>;
  stop(): Promise<void>;
}

export interface TTestAppOptions {
  env?: Record<string, string>;
  clock?: ManualClock;
  /**
   * How many times faster than Slack's clock the stand-in refills its rate limits, with the app pacing itself on the
   * same clock: the limits hold as in Slack, but a test that posts forty messages does not wait forty seconds. The
   * tests about pacing itself run at 1, Slack's own speed.
   */
  slackSpeed?: number;
}

/** The stand-in's clock for ordinary tests: Slack's limits, refilled twenty times as fast (see slackSpeed). */
const TEST_SLACK_SPEED = 20;
/** The pace of an app beside the ordinary tests' stand-in (a second replica a test starts itself). */
export const TEST_SLACK_PACE = fasterPace(SLACK_PACE, TEST_SLACK_SPEED);

/**
 * The real app (Bolt, listeners, domain, database) on a fresh database, talking to the Slack stand-in over HTTP.
 * The outbox's timer is effectively off: tests run it with `drainOutbox` so retries happen when the test says.
 */
/**
 * Starts one app for the enclosing describe block (stopped after it) and, before each test, waits for the previous
 * test's work and clears the fake Slack's record. The object is filled in by beforeAll; use it inside tests and hooks.
 */
export function useTestApp(provider: TProvider, options: TTestAppOptions = {}): TTestApp {
  const t = {} as TTestApp;
  beforeAll(async () => {
    Object.assign(t, await startTestApp(provider, options));
  });
  afterAll(async () => t.stop?.());
  beforeEach(async () => {
    await t.settle();
    t.slack.reset();
  });
  // Slack enforces its limits (the fake too, below): whatever a test did, the app never ran into them.
  afterEach(async () => {
    await t.settle();
    expect(t.slack.rateLimitedCalls().map((call) => call.method)).toEqual([]);
  });
  return t;
}

export async function startTestApp(provider: TProvider, options: TTestAppOptions = {}): Promise<TTestApp> {
  const database = await createTestDatabase(provider);
  const speed = options.slackSpeed ?? TEST_SLACK_SPEED;
  const slack = await startSlackStandIn({ rateLimits: fasterRateLimits(SLACK_RATE_LIMITS, speed) });
  const clock = options.clock ?? new ManualClock(new Date());
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    DATABASE_URL: database.url,
    PORT: '0',
    ADVOCATE_CHANNEL_ID: Channels.advocates,
    LOG_LEVEL: process.env.ADVOCATE_TEST_LOG_LEVEL ?? 'error',
    // A test file flags dozens of escalations at one clock time: that is a storm, which only the storm tests want.
    STORM_THRESHOLD: '1000',
    ...options.env,
  });
  const app = await startAdvocate(config, {
    clock,
    logger: createLogger(config.logLevel),
    outboxIntervalMs: 3_600_000,
    slackPace: fasterPace(SLACK_PACE, speed),
  });
  const eventsUrl = `${app.url}/slack/events`;
  slack.connectApp(eventsUrl, SIGNING_SECRET);
  let eventCounter = 0;
  const settle = async () => {
    // Work is acknowledged first and finished in the background; poll until the app has nothing in flight.
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await app.idle();
    }
  };
  return {
    app,
    slack,
    config,
    clock,
    database,
    eventsUrl,
    async sendEvent(event, eventOptions = {}) {
      const eventId =
        eventOptions.eventId ??
        `Ev${Date.now().toString(36).toUpperCase()}${(eventCounter++).toString(36).toUpperCase()}`;
      const body = eventCallbackBody({ eventId, eventTime: Math.floor(Date.now() / 1000), event });
      const headers = eventOptions.retryNum ? retryHeaders(eventOptions.retryNum) : {};
      const response = await postToApp(eventsUrl, SIGNING_SECRET, body, 'application/json', headers);
      return { ...response, eventId };
    },
    drainOutbox: () => app.services.dispatcher.drainDue(),
    settle,
    escalationCount: () => app.db.prisma.escalation.count(),
    async stop() {
      await app.stop();
      await slack.close();
      await database.drop();
    },
  };
}
