import { createTheme, linkToTheme } from '../../../../domain/themes/link-escalations';
import { onlyAdvocatesMessage } from '../../../blocks/only-advocates';
import { linkReply } from '../../../blocks/theme-replies';
import { themeCardPermalink } from '../../actions/theme-common';
import { privately, type TSubcommandHandler } from '../subcommand';

/** `/advocate theme <title> ADV-1 ADV-2 …`: opens THM-n, owned by the advocate who opened it. */
export const themeCreateSubcommand: TSubcommandHandler<'theme-create'> = async ({
  command,
  slash,
  respond,
  services,
}) => {
  if (!(await services.advocates.isAdvocate(slash.user_id))) {
    await respond(privately(onlyAdvocatesMessage(services.advocates.describe(), 'open themes')));
    return;
  }
  const outcome = await createTheme(services.deps, {
    title: command.title,
    escalationIds: command.escalationIds,
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
};

/** `/advocate theme THM-3 ADV-7 …`: links more, moving any that were in another theme. */
export const themeLinkSubcommand: TSubcommandHandler<'theme-link'> = async ({ command, slash, respond, services }) => {
  if (!(await services.advocates.isAdvocate(slash.user_id))) {
    await respond(privately(onlyAdvocatesMessage(services.advocates.describe(), 'link escalations to themes')));
    return;
  }
  const outcome = await linkToTheme(services.deps, {
    themeId: command.themeId,
    escalationIds: command.escalationIds,
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id))));
};
