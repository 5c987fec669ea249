import type { App } from '@slack/bolt';
import { homeSummary } from '../../../domain/home/home-summary';
import { appHomeView } from '../../blocks/app-home';
import type { TSlackServices } from '../../services';

/** Renders and publishes a user's App Home; also called after a home-tab button so the tab follows along. */
export async function publishHome(services: TSlackServices, userId: string, notice?: string) {
  const role = (await services.deps.authz.canActOnEscalations(userId)) ? 'advocate' : 'agent';
  const summary = await homeSummary(services.deps, userId, services.config.digest.timeZone, role);
  await services.client.views.publish({
    user_id: userId,
    view: appHomeView(summary, services.deps.clock.now(), notice),
  });
}

export function registerAppHome(app: App, services: TSlackServices) {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(services, event.user);
  });
}
