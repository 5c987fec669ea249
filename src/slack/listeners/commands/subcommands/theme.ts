import { createTheme, linkToTheme } from '../../../../domain/themes/link-escalations';
import { linkReply } from '../../../blocks/theme-replies';
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
