import { createTheme, linkToTheme } from '../../../../domain/themes/link-escalations';
import { linkTickets, unlinkTicket } from '../../../../domain/themes/theme-tickets';
import { linkReply, ticketLinkReply, ticketUnlinkReply } from '../../../blocks/theme-replies';
import { themeCardPermalink } from '../../actions/theme-common';
import { advocatesOnly, privately } from '../subcommand';

/** `/advocate theme <title> ADV-1 ADV-2 …`: opens THM-n, owned by the advocate who opened it. */
export const themeCreateSubcommand = advocatesOnly<'theme-create'>(
  'open themes',
  async ({ command, slash, respond, services }) => {
    const outcome = await createTheme(services.deps, {
      title: command.title,
      escalationIds: command.escalationIds,
      actorId: slash.user_id,
      via: 'command',
    });
    await respond(privately(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
  },
);

/** `/advocate theme THM-3 ADV-7 …`: links more, moving any that were in another theme. */
export const themeLinkSubcommand = advocatesOnly<'theme-link'>(
  'link escalations to themes',
  async ({ command, slash, respond, services }) => {
    const outcome = await linkToTheme(services.deps, {
      themeId: command.themeId,
      escalationIds: command.escalationIds,
      actorId: slash.user_id,
      via: 'command',
    });
    await respond(privately(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
  },
);

/** `/advocate theme THM-3 link <url> …`: attaches engineering tickets whose state the trackers' webhooks follow. */
export const themeTicketLinkSubcommand = advocatesOnly<'theme-ticket-link'>(
  'link tickets to themes',
  async ({ command, slash, respond, services }) => {
    const outcome = await linkTickets(services.deps, {
      themeId: command.themeId,
      urls: command.urls,
      actorId: slash.user_id,
      via: 'command',
    });
    await respond(privately(ticketLinkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
  },
);

/** `/advocate theme THM-3 unlink <url>`. */
export const themeTicketUnlinkSubcommand = advocatesOnly<'theme-ticket-unlink'>(
  'unlink tickets from themes',
  async ({ command, slash, respond, services }) => {
    const outcome = await unlinkTicket(services.deps, {
      themeId: command.themeId,
      url: command.url,
      actorId: slash.user_id,
      via: 'command',
    });
    await respond(privately(ticketUnlinkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
  },
);
