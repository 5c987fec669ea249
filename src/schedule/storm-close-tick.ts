import { closeStormsThatPassed } from '../core/storms/storm-rule';
import type { TSlackServices } from '../slack/kit/slack-services';

/** Closes the storms no flag joined for the window (their "Storm over" is queued), then sends what is due. */
export async function stormCloseTick(services: TSlackServices): Promise<void> {
  const { deps, config } = services;
  const closed = await closeStormsThatPassed(deps.db, config.storm, deps.clock.now());
  if (closed > 0) services.logger.info(`${closed} storm(s) over`);
}
