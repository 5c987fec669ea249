import type { App, BlockAction } from '@slack/bolt';
import { getThemeOrFail } from '../../../domain/themes/queries';
import type { TMessage } from '../../blocks/limits';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import { themeLinkTicketModal } from '../../blocks/theme-tickets';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { ZBlockAction } from '../payloads';
import { userFacingError } from '../respond-with-error';
import { ZThemeButtonValue } from './theme-common';

/** "Link ticket" on a theme card: opens a small modal for the ticket's URL (advocates only, open themes only). */
export function registerThemeLinkTicketButton(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.ThemeLinkTicket, async ({ ack, body, respond, client }) => {
    await ack();
    const payload = ZBlockAction.safeParse(body);
    const value = payload.success ? ZThemeButtonValue.safeParse(payload.data.actions[0]!.value) : null;
    if (!payload.success || !value?.success) {
      services.logger.warn(`${ActionId.ThemeLinkTicket}: unexpected payload`);
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
          await tell(onlyAdvocatesMessage(services.advocates.describe(), 'link tickets to themes'));
          return;
        }
        const theme = await getThemeOrFail(services.deps, themeId);
        if (theme.status === 'resolved') {
          await tell({ text: `THM-${themeId} is resolved; no tickets can be linked to it.`, blocks: [] });
          return;
        }
        if (!triggerId) throw new Error('theme_link_ticket: no trigger_id to open the modal with');
        await client.views.open({ trigger_id: triggerId, view: themeLinkTicketModal(theme, { themeId, channelId }) });
      } catch (error) {
        await tell(userFacingError(error, services.logger)).catch((tellError) =>
          services.logger.error('could not answer a theme button:', tellError),
        );
      }
    });
  });
}
