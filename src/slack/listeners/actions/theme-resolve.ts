import type { App, BlockAction } from '@slack/bolt';
import { getThemeOrFail } from '../../../domain/themes/queries';
import { finishResolution } from '../../../domain/themes/resolve-theme';
import type { TMessage } from '../../blocks/limits';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import { resolveReply } from '../../blocks/theme-replies';
import { themeResolveModal } from '../../blocks/theme-resolve-modal';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { ZBlockAction } from '../payloads';
import { userFacingError } from '../respond-with-error';
import { themeCardPermalink, ZThemeButtonValue } from './theme-common';

/**
 * "Resolve theme" on a theme card: asks an advocate for the resolution note. On a theme that is resolved already
 * (a stale card, a second press) it opens nothing: it sends whatever of that resolution is still unsent and says so.
 */
export function registerThemeResolveButton(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.ThemeResolve, async ({ ack, body, respond, client }) => {
    await ack();
    const payload = ZBlockAction.safeParse(body);
    const value = payload.success ? ZThemeButtonValue.safeParse(payload.data.actions[0]!.value) : null;
    if (!payload.success || !value?.success) {
      services.logger.warn(`${ActionId.ThemeResolve}: unexpected payload`);
      return;
    }
    const { user, trigger_id: triggerId } = payload.data;
    const channelId = payload.data.container?.channel_id ?? payload.data.channel?.id;
    const { themeId } = value.data;
    const tell = (message: TMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    services.background(async () => {
      try {
        if (!(await services.advocates.isAdvocate(user.id))) {
          await tell(onlyAdvocatesMessage(services.advocates.describe(), 'resolve themes'));
          return;
        }
        const theme = await getThemeOrFail(services.deps, themeId);
        if (theme.status === 'resolved') {
          const outcome = await finishResolution(services.deps, themeId);
          await tell(resolveReply(outcome, await themeCardPermalink(services, themeId)));
          return;
        }
        if (!triggerId) throw new Error('theme_resolve: no trigger_id to open the modal with');
        await client.views.open({ trigger_id: triggerId, view: themeResolveModal(theme, { themeId, channelId }) });
      } catch (error) {
        await tell(userFacingError(error, services.logger)).catch((tellError) =>
          services.logger.error('could not answer a theme button:', tellError),
        );
      }
    });
  });
}
