import type { App } from '@slack/bolt';
import { ActionId } from '../kit/ids';
import type { TSlackServices } from '../kit/slack-services';
import { onThemeButton, registerThemeButton } from './theme-listener-common';
import { themeLinkTicketModal } from './theme-ticket-views';

/** "Link ticket" on a theme card: opens a small modal for the ticket's URL (advocates only, open themes only). */
export const onThemeLinkTicketButton = (services: TSlackServices) =>
  onThemeButton(services, async ({ theme, themeId, triggerId, channelId, client, reply }) => {
    if (theme.status === 'resolved') {
      await reply({ text: `THM-${themeId} is resolved; no tickets can be linked to it.`, blocks: [] });
      return;
    }
    if (!triggerId) throw new Error('theme_link_ticket: no trigger_id to open the modal with');
    await client.views.open({ trigger_id: triggerId, view: themeLinkTicketModal(theme, { themeId, channelId }) });
  });

export function registerThemeLinkTicketButton(app: App, services: TSlackServices) {
  registerThemeButton(
    app,
    services,
    ActionId.ThemeLinkTicket,
    'link tickets to themes',
    onThemeLinkTicketButton(services),
  );
}
