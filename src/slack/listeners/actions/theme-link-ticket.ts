import type { App } from '@slack/bolt';
import { themeLinkTicketModal } from '../../blocks/theme-tickets';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { registerThemeButton } from './theme-common';

/** "Link ticket" on a theme card: opens a small modal for the ticket's URL (advocates only, open themes only). */
export function registerThemeLinkTicketButton(app: App, services: TSlackServices) {
  registerThemeButton(
    app,
    services,
    ActionId.ThemeLinkTicket,
    'link tickets to themes',
    async ({ theme, themeId, triggerId, channelId, client, tell }) => {
      if (theme.status === 'resolved') {
        await tell({ text: `THM-${themeId} is resolved; no tickets can be linked to it.`, blocks: [] });
        return;
      }
      if (!triggerId) throw new Error('theme_link_ticket: no trigger_id to open the modal with');
      await client.views.open({ trigger_id: triggerId, view: themeLinkTicketModal(theme, { themeId, channelId }) });
    },
  );
}
