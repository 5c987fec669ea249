import { App, HTTPReceiver, type LogLevel } from '@slack/bolt';
import type { TConfig } from '../config';
import type { Logger } from '../logger';

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
): Promise<TSlackApp> {
  const clientOptions = {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  const logLevel = config.logLevel as LogLevel;
  if (config.mode === 'socket') {
    const app = new App({
      token: botToken,
      appToken: config.slack.appToken,
      socketMode: true,
      logger,
      logLevel,
      clientOptions,
      deferInitialization: true,
      convoStore: false,
    });
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
  });
  const app = new App({
    token: botToken,
    receiver,
    logger,
    logLevel,
    clientOptions,
    deferInitialization: true,
    // Bolt's conversation store keeps per-conversation state in memory for every request; Advocate keeps none.
    convoStore: false,
  });
  await app.init();
  return { app, requestListener: receiver.requestListener };
}
