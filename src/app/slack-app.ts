import { App, type AppOptions, HTTPReceiver, type LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { TConfig } from '../config';
import type { Logger } from '../logger';
import { OUTGOING_TIMEOUT_MS } from '../slack/kit/fetch-with-timeout';
import { pacedSlackFetch } from '../slack/kit/paced-slack-fetch';
import type { SlackPacer } from '../slack/kit/slack-pacer';
import { SLACK_BODY_LIMIT } from './http/slack-request';

export interface TSlackApp {
  app: App;
  /** HTTP mode: the listener our own server hands `/slack/events` to. */
  requestListener?: HTTPReceiver['requestListener'];
}

/**
 * Bolt with our transport choice: in HTTP mode we own the server (to serve the extra routes and to drain requests
 * on SIGTERM) and hand Slack's requests to Bolt's HTTPReceiver; in Socket Mode Bolt holds the socket.
 * Web API retries are off: the outbox retries with backoff, so one slow call never blocks a listener for minutes.
 */
export async function createSlackApp(
  config: TConfig,
  logger: Logger,
  apiUrl: string,
  botToken: string,
  pacer: SlackPacer,
): Promise<TSlackApp> {
  const clientOptions = {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: OUTGOING_TIMEOUT_MS,
    // Also what Bolt's respond() posts to the response_url with: without it, that call has no timeout. Web API calls
    // wait here for their slot within Slack's rate limits (response_url posts are not paced).
    fetch: pacedSlackFetch(pacer) as unknown as NonNullable<WebClientOptions['fetch']>,
  };
  const logLevel = config.logLevel as LogLevel;
  // The same for Socket Mode and HTTP; only how events arrive differs.
  const appOptions: AppOptions = {
    token: botToken,
    logger,
    logLevel,
    clientOptions,
    deferInitialization: true,
    // app.error gets the request's context, so it can answer the person on the surface they used.
    extendedErrorHandler: true,
    // Bolt's conversation store keeps per-conversation state in memory for every request; Advocate keeps none.
    convoStore: false,
  };
  if (config.mode === 'socket') {
    const app = new App({ ...appOptions, appToken: config.slack.appToken, socketMode: true });
    await app.init();
    return { app };
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    endpoints: '/slack/events',
    logger,
    logLevel,
    processBeforeResponse: false,
    unhandledRequestTimeoutMillis: 2_500,
    // Our server already refused larger bodies (src/app/http/slack-request.ts); this is the same cap, said twice.
    bodyLimit: SLACK_BODY_LIMIT,
  });
  const app = new App({ ...appOptions, receiver });
  await app.init();
  return { app, requestListener: receiver.requestListener };
}
