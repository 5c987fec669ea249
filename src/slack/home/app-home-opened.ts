import type { App } from '@slack/bolt';
import { homeSummary } from '../../core/escalations/home-summary';
import type { TMiddleware } from '../kit/middleware/context';
import type { TSlackServices } from '../kit/slack-services';
import { appHomeView } from './app-home-view';

/** Renders and publishes a user's App Home; also called after a home-tab button so the tab follows along. */
export async function publishHome(services: TSlackServices, userId: string, notice?: string) {
  const role = (await services.deps.authz.canActOnEscalations(userId)) ? 'advocate' : 'agent';
  const summary = await homeSummary(services.deps, userId, services.config.digest.timeZone, role);
  await services.client.views.publish({
    user_id: userId,
    view: appHomeView(summary, services.deps.clock.now(), notice, {
      policy: services.config.sla.policy,
      timeZone: services.config.digest.timeZone,
    }),
  });
}

/** The Home tab was opened: publish it afresh (the Messages tab is Slack's). */
export const onAppHomeOpened =
  (services: TSlackServices): TMiddleware<unknown> =>
  async ({ body }) => {
    const { event } = body as { event: { tab?: string; user: string } };
    if (event.tab !== 'home') return;
    await publishHome(services, event.user);
  };

export function registerAppHome(app: App, services: TSlackServices) {
  app.event('app_home_opened', onAppHomeOpened(services));
}
