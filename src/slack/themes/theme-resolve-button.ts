import type { App } from '@slack/bolt';
import { finishResolution } from '../../core/themes/resolve-theme';
import { ActionId } from '../kit/ids';
import type { TSlackServices } from '../kit/slack-services';
import { onThemeButton, registerThemeButton, themeCardPermalink } from './theme-listener-common';
import { resolveReply } from './theme-replies';
import { themeResolveModal } from './theme-resolve-modal';

/**
 * "Resolve theme" on a theme card: asks an advocate for the resolution note. On a theme that is resolved already
 * (a stale card, a second press) it opens nothing: it sends whatever of that resolution is still unsent and says so.
 */
export const onThemeResolveButton = (services: TSlackServices) =>
  onThemeButton(services, async ({ theme, themeId, triggerId, channelId, client, reply }) => {
    if (theme.status === 'resolved') {
      const outcome = await finishResolution(services.deps, themeId);
      await reply(resolveReply(outcome, await themeCardPermalink(services, themeId)));
      return;
    }
    if (!triggerId) throw new Error('theme_resolve: no trigger_id to open the modal with');
    await client.views.open({ trigger_id: triggerId, view: themeResolveModal(theme, { themeId, channelId }) });
  });

export function registerThemeResolveButton(app: App, services: TSlackServices) {
  registerThemeButton(app, services, ActionId.ThemeResolve, 'resolve themes', onThemeResolveButton(services));
}
