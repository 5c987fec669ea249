import { randomBytes } from 'node:crypto';
import { fasterRateLimits, SLACK_RATE_LIMITS, type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { startAdvocate, type TRunningAdvocate, type TStartOptions } from '../app/start-advocate';
import type { TConfig } from '../config';
import { createLogger } from '../logger';
import { fasterPace, SLACK_PACE } from '../slack/kit/slack-pacer';
import { sandboxRoutes } from './sandbox-routes';
import { workspaceSnapshot } from './workspace-snapshot';

export interface TRunningSandbox extends TRunningAdvocate {
  standIn: SlackStandIn;
  /** `http://localhost:<port>/sandbox` */
  pageUrl: string;
}

/**
 * Sandbox mode: the real app (Bolt, listeners, domain, database) against the Slack stand-in on loopback, plus the
 * page at /sandbox. The stand-in is the only Slack the app talks to; SLACK_API_URL is not used.
 */
/** `slackSpeed`: the stand-in's rate limits (and the app's pace) on a clock this many times faster; 1 is Slack's. */
export async function startSandbox(
  config: TConfig,
  { slackSpeed = 1, ...options }: TStartOptions & { slackSpeed?: number } = {},
): Promise<TRunningSandbox> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const standIn = await startSlackStandIn({ port: 0, rateLimits: fasterRateLimits(SLACK_RATE_LIMITS, slackSpeed) });
  const snapshot = workspaceSnapshot(config.databaseUrl, logger);
  if (snapshot.restore(standIn.ws)) logger.info(`sandbox: restored the workspace from ${snapshot.file}`);
  const directory = {
    advocateChannelId: config.slack.advocateChannelId,
    usergroupId: config.slack.advocateUsergroupId,
  };
  const bootId = randomBytes(6).toString('hex');
  let running: TRunningAdvocate;
  try {
    running = await startAdvocate(config, {
      ...options,
      slackPace: fasterPace(SLACK_PACE, slackSpeed),
      logger,
      slack: { apiUrl: standIn.url, botToken: standIn.botToken },
      routes: (services) => [
        ...(options.routes?.(services) ?? []),
        ...sandboxRoutes({ standIn, services, directory, bootId }),
      ],
    });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  standIn.connectApp(`${running.url}/slack/events`, config.slack.signingSecret);
  const stopSaving = snapshot.keepSaved(standIn.ws);
  return {
    ...running,
    standIn,
    pageUrl: `http://localhost:${running.port}/sandbox`,
    async stop() {
      await running.stop();
      stopSaving();
      await standIn.close();
    },
  };
}
