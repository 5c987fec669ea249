import type { TSlackServices } from '../../slack/services';
import { healthRoute } from './health';
import type { TRoute } from './router';

/** Every HTTP route besides Slack's `/slack/events`. Each capability adds its routes here. */
export function appRoutes(services: TSlackServices, isStopping: () => boolean): TRoute[] {
  return [healthRoute(services.deps.db, isStopping)];
}
