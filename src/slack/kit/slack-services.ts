import type { WebClient } from '@slack/web-api';
import type { TConfig } from '../../config';
import type { TDomainDeps } from '../../core/shared/deps';
import type { Logger } from '../../logger';
import type { AdvocateDirectory } from './advocate-directory';
import type { OutboxDispatcher } from './outbox-dispatcher';
import type { Permalinks } from './permalinks';

/** Everything a listener may use, built once at start-up and passed in (listeners import no globals). */
export interface TSlackServices {
  config: TConfig;
  deps: TDomainDeps;
  dispatcher: OutboxDispatcher;
  logger: Logger;
  advocates: AdvocateDirectory;
  /** The bot's WebClient, for work that happens outside a request (jobs, background replies). */
  client: WebClient;
  permalinks: Permalinks;
  /** Runs slow work after Slack has been acknowledged, and lets shutdown wait for it. */
  background(task: () => Promise<void>): void;
}
