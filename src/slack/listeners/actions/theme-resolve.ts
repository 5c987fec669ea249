import type { App } from '@slack/bolt';
import { finishResolution } from '../../../domain/themes/resolve-theme';
import { resolveReply } from '../../blocks/theme-replies';
import { themeResolveModal } from '../../blocks/theme-resolve-modal';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { onThemeButton, registerThemeButton, themeCardPermalink } from './theme-common';

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
